package io.acme;

public final class Config {
    private final String apiKey = System.getenv("API_KEY");
    private final String dbPassword = System.getProperty("db.password");
    private static final String PASSWORD_PROPERTY = "spring.datasource.password";
    private static final String TOKEN_HEADER = "X-Auth-Token";

    public String apiKey() {
        return apiKey;
    }
}
