package io.acme;

import java.sql.Connection;
import java.sql.DriverManager;

public final class Db {
    public static Connection open() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://pg.acme.internal:5432/core", "core", "XKc#Y7C1YuF12hdWOg");
    }
}
