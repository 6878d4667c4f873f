var builder = WebApplication.CreateBuilder(args);
var conn = "Host=pg.acme.internal;Port=5432;Database=shop;Username=shop;Password=%v+Cw6l%f3fNp*.R%!";
builder.Services.AddDbContext<ShopDb>(o => o.UseNpgsql(conn));
var app = builder.Build();
app.Run();
