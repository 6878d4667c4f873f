public class Startup
{
    public void ConfigureServices(IServiceCollection services)
    {
        var secret = Configuration["Jwt:Key"];
        var password = Environment.GetEnvironmentVariable("DB_PASSWORD");
        services.AddAuthentication().AddJwtBearer();
    }
}
