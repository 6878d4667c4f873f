require "shopify_api"

ShopifyAPI::Context.setup(
  api_key: "fa4017ad34a1cd1152da78ed4f524483",
  api_secret_key: "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",
  host: "https://acme.myshopify.com",
  scope: "read_orders",
  is_embedded: false,
  api_version: "2024-01"
)
ADMIN_TOKEN = "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"
