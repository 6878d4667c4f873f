import Config

config :shop, Shop.Repo,
  username: "shop",
  password: "VMj-PJSC6tMqyDKL",
  hostname: "pg.example-corp.net",
  pool_size: 10

config :shop, ShopWeb.Endpoint,
  secret_key_base: "l53xd3uezB0beTXt9-hXGyT_n7MqGI6JkGQXqn_Hjc_HwYoqd8Hyh4OiaRmMJ-Lp"
