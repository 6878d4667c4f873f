package io.acme;

import java.sql.Connection;
import java.sql.DriverManager;

public final class Db {
    public static Connection open() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://pg.acme.internal:5432/core", "core", "q!fvb0UZ#cBs5t5-qn_u5");
    }
}
