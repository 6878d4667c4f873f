var builder = WebApplication.CreateBuilder(args);
var conn = "Host=pg.acme.internal;Port=5432;Database=shop;Username=shop;Password=5wAW-qWMY=c26aifz";
builder.Services.AddDbContext<ShopDb>(o => o.UseNpgsql(conn));
var app = builder.Build();
app.Run();
