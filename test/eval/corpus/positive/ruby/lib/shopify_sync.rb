require "shopify_api"

ShopifyAPI::Context.setup(
  api_key: "a49391b2439cc7629edd55a8b1d306e6",
  api_secret_key: "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",
  host: "https://acme.myshopify.com",
  scope: "read_orders",
  is_embedded: false,
  api_version: "2024-01"
)
ADMIN_TOKEN = "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"
