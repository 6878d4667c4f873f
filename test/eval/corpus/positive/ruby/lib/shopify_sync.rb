require "shopify_api"

ShopifyAPI::Context.setup(
  api_key: "f64dfa6a7f55c5ca4cdb1cbff88eb71c",
  api_secret_key: "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",
  host: "https://acme.myshopify.com",
  scope: "read_orders",
  is_embedded: false,
  api_version: "2024-01"
)
ADMIN_TOKEN = "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"
