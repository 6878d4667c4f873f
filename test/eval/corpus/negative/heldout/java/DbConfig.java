@Configuration
public class DbConfig {
    @Value("${db.password}")
    private String password;

    @Value("${api.key:}")
    private String apiKey;
}
