import Config

config :shop, Shop.Repo,
  username: "shop",
  password: "5xWd!J0Z2p7EZR^iia*Aw7u",
  hostname: "pg.example-corp.net",
  pool_size: 10

config :shop, ShopWeb.Endpoint,
  secret_key_base: "uCR0fbTxEcbggNwWOrj0hTS_xaNTJv51uMovXyCVLXmK5tQEIwZWZJgs2ltaFcTZ"
