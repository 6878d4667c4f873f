require "shopify_api"

ShopifyAPI::Context.setup(
  api_key: "032c72a88c0774b92dda3b8b0416f751",
  api_secret_key: "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",
  host: "https://acme.myshopify.com",
  scope: "read_orders",
  is_embedded: false,
  api_version: "2024-01"
)
ADMIN_TOKEN = "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"
