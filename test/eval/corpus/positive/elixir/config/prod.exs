import Config

config :shop, Shop.Repo,
  username: "shop",
  password: "sAjSI*r!TFB5P!0XgC",
  hostname: "pg.example-corp.net",
  pool_size: 10

config :shop, ShopWeb.Endpoint,
  secret_key_base: "Id4OzyvX_FrBnh5zfoaktXO_DWl45PoglJCHcNZfX57ejLjmBzwZIcWmTglSCIoK"
