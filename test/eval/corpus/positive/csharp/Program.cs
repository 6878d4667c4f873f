var builder = WebApplication.CreateBuilder(args);
var conn = "Host=pg.acme.internal;Port=5432;Database=shop;Username=shop;Password=jrmlBq-cHRjNiP1%I";
builder.Services.AddDbContext<ShopDb>(o => o.UseNpgsql(conn));
var app = builder.Build();
app.Run();
