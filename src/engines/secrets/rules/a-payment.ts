import type { RuleSpec } from '../types.js';

/** Payments and commerce: Stripe, Square, Braintree / PayPal, Adyen, Razorpay, Shopify, Plaid, Coinbase, Flutterwave, Shippo, EasyPost. */
// Every example secret below is a synthetic random value; checksum formats carry a valid checksum
// and their false examples include the same token with one character changed.
export const paymentRules: readonly RuleSpec[] = [
  {
    id: 'stripe-secret-key',
    description: "Stripe live secret API key (sk_live_…)",
    severity: 'critical',
    keywords: ["sk_live_"],
    pattern: String.raw`\b(?<secret>sk_live_[A-Za-z0-9]{24,247})\b`,
    entropy: 3.5,
    remedy: "Roll the key in the Stripe Dashboard (Developers > API keys) and review recent API request logs.",
    tags: ['payment', 'stripe'],
    examples: {
      match: [
        "STRIPE_SECRET_KEY=sk_live_79rlEv9wApP0pzgBNM7o6ODZ",
        "Stripe.api_key = \"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\"",
      ],
      noMatch: [
        "STRIPE_SECRET_KEY=sk_live_PsBM5ePVQVtIrYNR",
        "STRIPE_SECRET_KEY=sk_live_${STRIPE_KEY}",
        "mysk_live_Jzg88IwinoJidXKdhjusF7oD",
      ],
    },
  },
  {
    id: 'stripe-restricted-key',
    description: "Stripe live restricted API key (rk_live_…)",
    severity: 'high',
    keywords: ["rk_live_"],
    pattern: String.raw`\b(?<secret>rk_live_[A-Za-z0-9]{24,247})\b`,
    entropy: 3.5,
    remedy: "Roll or delete the restricted key in the Stripe Dashboard (Developers > API keys).",
    tags: ['payment', 'stripe'],
    examples: {
      match: [
        "STRIPE_RESTRICTED_KEY=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",
      ],
      noMatch: [
        "STRIPE_RESTRICTED_KEY=rk_live_q4ITuh1htFwf",
      ],
    },
  },
  {
    id: 'stripe-publishable-key',
    description: "Stripe live publishable key (pk_live_…), public by design",
    // Shipped to every browser that loads the checkout: worth knowing where it is, never a leak.
    severity: 'info',
    keywords: ["pk_live_"],
    pattern: String.raw`\b(?<secret>pk_live_[A-Za-z0-9]{24,247})\b`,
    entropy: 3.5,
    remedy: "Publishable keys are meant for clients; check that no secret key sits next to it.",
    tags: ['payment', 'stripe'],
    examples: {
      match: [
        "const stripe = Stripe(\"pk_live_519gkGlIodidnOpDGzyDiHxSYArN0BLKkDTwRwpHt5Mh7kDL6KKE8l42kojHN71wVzHcAMxqHRgCyuxp8m0GXszrbRmUPb0dL3m\");",
      ],
      noMatch: [
        "const stripe = Stripe(\"pk_live_7BTmoaDuFp\");",
      ],
    },
  },
  {
    id: 'stripe-webhook-secret',
    description: "Stripe webhook signing secret (whsec_…)",
    severity: 'high',
    keywords: ["whsec_"],
    pattern: String.raw`\b(?<secret>whsec_[A-Za-z0-9+/]{32,64}={0,2})(?![A-Za-z0-9+/=])`,
    entropy: 4,
    remedy: "Roll the signing secret of the webhook endpoint in the Stripe Dashboard (Developers > Webhooks).",
    tags: ['payment', 'stripe'],
    examples: {
      match: [
        "STRIPE_WEBHOOK_SECRET=whsec_lakAbrF2uvsWUdDsRMxgZjEjh045wBOE",
      ],
      noMatch: [
        "STRIPE_WEBHOOK_SECRET=whsec_5xUraejiVsyNF5Rf",
      ],
    },
  },
  {
    id: 'square-access-token',
    description: "Square production access token (EAAA… or sq0atp-…)",
    severity: 'critical',
    keywords: ["eaaa", "sq0atp-"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])`,
    entropy: 3.8,
    remedy: "Revoke the access token in the Square Developer Dashboard (Credentials, or OAuth > Revoke) and replace it.",
    tags: ['payment', 'square'],
    examples: {
      match: [
        "SQUARE_ACCESS_TOKEN=EAAAg-UebvHMX50aL3wvDJwYdeYH5r50P5hX_0bDvfDefu1ytkGQ2CVxhRu5K4G7",
        "square_token: sq0atp-9FTmbq6gtvZbUhQfKRLKhS",
      ],
      noMatch: [
        "SQUARE_ACCESS_TOKEN=EAAAoFVBQIVkLQkTbXZF8bTXo2ad3p1i9udKBBQPQs_r",
        "square_token: sq0atp-dHhLEzv4GMksHzK",
      ],
    },
  },
  {
    id: 'square-oauth-secret',
    description: "Square OAuth application secret (sq0csp-…)",
    severity: 'high',
    keywords: ["sq0csp-"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>sq0csp-[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])`,
    entropy: 3.8,
    remedy: "Replace the application secret in the Square Developer Dashboard (OAuth) and update the server config.",
    tags: ['payment', 'square'],
    examples: {
      match: [
        "SQUARE_APP_SECRET=sq0csp-fY-sjH5Yi7ZC2F9EhVkcOXeJ2xxZq6jgTdg2hTN38Lw",
      ],
      noMatch: [
        "SQUARE_APP_SECRET=sq0csp-Shra_VTRnvrHoBkCYw_5Yo_Jo4-eaN",
      ],
    },
  },
  {
    id: 'braintree-access-token',
    description: "Braintree / PayPal production access token (access_token$production$…)",
    severity: 'critical',
    keywords: ["access_token$production$"],
    pattern: String.raw`(?<secret>access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})(?![0-9a-f])`,
    remedy: "Revoke the access token in the Braintree Control Panel (API keys / OAuth) and issue a new one.",
    tags: ['payment', 'paypal', 'braintree'],
    examples: {
      match: [
        "BRAINTREE_ACCESS_TOKEN=access_token$production$skanr4ivd7mhjoly$fb2e16f3685cb5012ecec38df61996f2",
      ],
      noMatch: [
        "BRAINTREE_ACCESS_TOKEN=access_token$production$x0cqag76z7wnwzv0$72424db2dfc46d103c3c",
        "BRAINTREE_ACCESS_TOKEN=access_token$sandbox$jjnfoa62ijamarcs$aacdb85cdefd8ab403c0abb58e668299",
      ],
    },
  },
  {
    id: 'braintree-sandbox-access-token',
    description: "Braintree / PayPal sandbox access token (access_token$sandbox$…)",
    severity: 'low',
    keywords: ["access_token$sandbox$"],
    pattern: String.raw`(?<secret>access_token\$sandbox\$[0-9a-z]{16}\$[0-9a-f]{32})(?![0-9a-f])`,
    remedy: "Sandbox tokens cannot move money, but revoke it in the sandbox Control Panel and keep it out of source.",
    tags: ['payment', 'paypal', 'braintree'],
    examples: {
      match: [
        "BRAINTREE_ACCESS_TOKEN=access_token$sandbox$c529m8gh8e74au81$5a9820f3d9bd04f188ae77a33ba9d4fb",
      ],
      noMatch: [
        "BRAINTREE_ACCESS_TOKEN=access_token$sandbox$nomos8xvrf$c7a92b74454619c6ff7e0c6a57aa0af1",
      ],
    },
  },
  {
    id: 'braintree-private-key',
    description: "Braintree API private key (32 hex characters) next to a Braintree keyword",
    severity: 'critical',
    keywords: ["braintree"],
    pattern: String.raw`(?:braintree[\w.-]{0,20}?private[_.-]?key)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[a-f0-9]{32})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 3.2,
    remedy: "Delete the API key pair in the Braintree Control Panel (Settings > API) and generate a new one.",
    tags: ['payment', 'braintree'],
    examples: {
      match: [
        "BRAINTREE_PRIVATE_KEY=e3523961f814ecffd6127f40b885ac8c",
      ],
      noMatch: [
        "BRAINTREE_MERCHANT_ID=c3556d85d11959b34c80cf25ad270364",
        "BRAINTREE_PRIVATE_KEY=c6c9eadd48cfdcb59d1c",
      ],
    },
  },
  {
    id: 'paypal-client-secret',
    description: "PayPal REST API client secret next to a PayPal keyword",
    severity: 'critical',
    keywords: ["paypal"],
    pattern: String.raw`(?:paypal[\w.-]{0,20}?(?:client[_.-]?)?secret)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>E[A-Za-z0-9_-]{79})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 4,
    remedy: "Generate a new secret for the app in the PayPal Developer Dashboard (Apps & Credentials) and disable the old one.",
    tags: ['payment', 'paypal'],
    examples: {
      match: [
        "PAYPAL_CLIENT_SECRET=EVJdNLyJUpTGDRuv-vx3usw3BWkmrZpJ9VIOcip9FE1n-Tv3lcmAqgtcTp3DSM0XTn0lr88M0PbzASVc",
      ],
      noMatch: [
        "PAYPAL_CLIENT_ID=E5s1fIXPwRHRSJ_ZqfcVqc--s0b3FmS5cMNh_wkkn0Jvas1c4WCmnPcLs40_WUqc8YIWaZz5YmJGOZ8c",
        "PAYPAL_CLIENT_SECRET=EU9o-9gBKctyxFxh_AjTWYqJsB92XHj9CZN57dO7u",
      ],
    },
  },
  {
    id: 'adyen-api-key',
    description: "Adyen API key (AQE…) next to an Adyen keyword",
    severity: 'critical',
    keywords: ["adyen"],
    pattern: String.raw`(?:adyen[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>AQE[A-Za-z0-9+/=._-]{80,250})(?![A-Za-z0-9+/=._-])`,
    flags: 'i',
    entropy: 4,
    remedy: "Generate a new API key for the API credential in the Adyen Customer Area (Developers > API credentials) and delete the old one.",
    tags: ['payment', 'adyen'],
    examples: {
      match: [
        "ADYEN_API_KEY=AQEFD+YxrHkYQ/BcuBJmU2/inzJGR5aZeMjlZ9ThFeK6Ypxx3Q2K9xbCGNIy0CB=-uubLKXgtsStoqcojx8zVMLHS2lb7HucKvi5XqcVc",
      ],
      noMatch: [
        "ADYEN_API_KEY=AQEVaZOu6EazEus1bInxnL7Hm3BUaFt6i",
        "ADYEN_MERCHANT_ACCOUNT=AQE6Izfkto77pnCWlfJ6NbDObmjwZEERmYI5tJynq4joKGwQlizKzyyqeAQuJoeehYMuyhIoAGB2dr89UIFYfhrPoESU749Fv1SdblX",
      ],
    },
  },
  {
    id: 'razorpay-key-secret',
    description: "Razorpay API key secret next to a Razorpay keyword",
    severity: 'critical',
    keywords: ["razorpay", "rzp"],
    pattern: String.raw`(?:(?:razorpay|rzp)[\w.-]{0,20}?secret)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[A-Za-z0-9]{24})(?![A-Za-z0-9])`,
    flags: 'i',
    entropy: 3.8,
    remedy: "Regenerate the API key in the Razorpay Dashboard (Account & Settings > API Keys).",
    tags: ['payment', 'razorpay'],
    examples: {
      match: [
        "RAZORPAY_KEY_SECRET=XWAKGjkZZxVUjV7TcEGLIK3g",
      ],
      noMatch: [
        "RAZORPAY_KEY_SECRET=jqOYPlmrkONEv3gj",
        "RAZORPAY_KEY_ID=p7OCcZ2WWbvfD9OZmQxrtjzl",
      ],
    },
  },
  {
    id: 'razorpay-live-key-id',
    description: "Razorpay live key ID (rzp_live_…), paired with a key secret",
    severity: 'low',
    keywords: ["rzp_live_"],
    pattern: String.raw`\b(?<secret>rzp_live_[A-Za-z0-9]{14})\b`,
    entropy: 3,
    remedy: "The key ID is shown to clients; make sure its key secret is not stored next to it.",
    tags: ['payment', 'razorpay'],
    examples: {
      match: [
        "RAZORPAY_KEY_ID=rzp_live_UG8yEOt56CKxIj",
      ],
      noMatch: [
        "RAZORPAY_KEY_ID=rzp_live_mrIT5C1c",
      ],
    },
  },
  {
    id: 'shopify-access-token',
    description: "Shopify Admin API access token (shpat_…)",
    severity: 'critical',
    keywords: ["shpat_"],
    pattern: String.raw`\b(?<secret>shpat_[a-fA-F0-9]{32})\b`,
    entropy: 3,
    remedy: "Uninstall and reinstall the app (or rotate its credentials in the Shopify admin / Dev Dashboard) to invalidate the token.",
    tags: ['payment', 'commerce', 'shopify'],
    examples: {
      match: [
        "SHOPIFY_TOKEN=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",
        "  \"X-Shopify-Access-Token\": \"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\"",
      ],
      noMatch: [
        "SHOPIFY_TOKEN=shpat_642ef35e8bf2aef5d8fa085d",
        "SHOPIFY_TOKEN=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f",
      ],
    },
  },
  {
    id: 'shopify-custom-app-token',
    description: "Shopify custom app access token (shpca_…)",
    severity: 'critical',
    keywords: ["shpca_"],
    pattern: String.raw`\b(?<secret>shpca_[a-fA-F0-9]{32})\b`,
    entropy: 3,
    remedy: "Uninstall and reinstall the app (or rotate its credentials in the Shopify admin / Dev Dashboard) to invalidate the token.",
    tags: ['payment', 'commerce', 'shopify'],
    examples: {
      match: [
        "SHOPIFY_TOKEN=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",
        "  \"X-Shopify-Access-Token\": \"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\"",
      ],
      noMatch: [
        "SHOPIFY_TOKEN=shpca_ac39908f51d266c5d9a19ba9",
        "SHOPIFY_TOKEN=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f",
      ],
    },
  },
  {
    id: 'shopify-private-app-token',
    description: "Shopify private app access token (shppa_…)",
    severity: 'critical',
    keywords: ["shppa_"],
    pattern: String.raw`\b(?<secret>shppa_[a-fA-F0-9]{32})\b`,
    entropy: 3,
    remedy: "Uninstall and reinstall the app (or rotate its credentials in the Shopify admin / Dev Dashboard) to invalidate the token.",
    tags: ['payment', 'commerce', 'shopify'],
    examples: {
      match: [
        "SHOPIFY_TOKEN=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",
        "  \"X-Shopify-Access-Token\": \"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\"",
      ],
      noMatch: [
        "SHOPIFY_TOKEN=shppa_56beeac591bced3ec51e7b11",
        "SHOPIFY_TOKEN=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f",
      ],
    },
  },
  {
    id: 'shopify-shared-secret',
    description: "Shopify app shared secret (shpss_…)",
    severity: 'high',
    keywords: ["shpss_"],
    pattern: String.raw`\b(?<secret>shpss_[a-fA-F0-9]{32})\b`,
    entropy: 3,
    remedy: "Rotate the client secret of the app in the Shopify Partner Dashboard or Dev Dashboard.",
    tags: ['payment', 'commerce', 'shopify'],
    examples: {
      match: [
        "SHOPIFY_TOKEN=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",
        "  \"X-Shopify-Access-Token\": \"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\"",
      ],
      noMatch: [
        "SHOPIFY_TOKEN=shpss_36f18da073850a8e6c69b865",
        "SHOPIFY_TOKEN=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f",
      ],
    },
  },
  {
    id: 'plaid-access-token',
    description: "Plaid access token (access-production-… / access-development-…)",
    severity: 'critical',
    keywords: ["access-production-", "access-development-", "access-sandbox-"],
    pattern: String.raw`\b(?<secret>access-(?:production|development|sandbox)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b`,
    remedy: "Invalidate the item's access token with /item/access_token/invalidate (or remove the item) and update your stored token.",
    tags: ['payment', 'plaid'],
    examples: {
      match: [
        "PLAID_ACCESS_TOKEN=access-production-4a558245-8cff-48fd-af4a-d7cae4c9fc55",
      ],
      noMatch: [
        "PLAID_ACCESS_TOKEN=access-production-138c39fb-1117-4743-a2bf-f",
        "PLAID_ACCESS_TOKEN=access-staging-38b84edd-346f-4ff3-aa69-4f2d082450dc",
      ],
    },
  },
  {
    id: 'plaid-secret',
    description: "Plaid API secret (30 hex characters) next to a Plaid keyword",
    severity: 'critical',
    keywords: ["plaid"],
    pattern: String.raw`(?:plaid[\w.-]{0,20}?secret)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[a-f0-9]{30})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 3.2,
    remedy: "Rotate the secret in the Plaid Dashboard (Team Settings > Keys).",
    tags: ['payment', 'plaid'],
    examples: {
      match: [
        "PLAID_SECRET=6b2a8e45ff088d0e6e324945e81135",
      ],
      noMatch: [
        "PLAID_CLIENT_ID=206e71db279b8984c618dbc0ec901d",
        "PLAID_SECRET=ff3ccf4ea6a525beb410b099",
      ],
    },
  },
  {
    id: 'coinbase-api-secret',
    description: "Coinbase (legacy) API secret next to a Coinbase keyword",
    severity: 'critical',
    keywords: ["coinbase"],
    pattern: String.raw`(?:coinbase[\w.-]{0,20}?(?:api[_.-]?)?secret)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[A-Za-z0-9+/_-]{32,88}={0,2})(?![A-Za-z0-9+/=_-])`,
    flags: 'i',
    entropy: 4,
    remedy: "Delete the API key in Coinbase (Settings > API) and create a new one with the fewest permissions.",
    tags: ['payment', 'crypto', 'coinbase'],
    examples: {
      match: [
        "COINBASE_API_SECRET=WDj7oVvQXwQ/UJdOlOKgyyVtym/Rt9bS0PZ9O43C2RfBJkfHVJ3YB34E2nILM+qtQ3NJXW5ZY26fAJqDm0/2ZQ==",
      ],
      noMatch: [
        "COINBASE_API_SECRET=76g11wumtzOuJl9z",
        "COINBASE_API_KEY_NAME=PG4KtdhiiEGM6hXlXOSImYlGgbdgmc17Kz9XXLR0",
      ],
    },
  },
  {
    id: 'flutterwave-secret-key',
    description: "Flutterwave secret key (FLWSECK-…-X)",
    severity: 'critical',
    keywords: ["flwseck"],
    pattern: String.raw`\b(?<secret>FLWSECK(?:_TEST)?-[a-h0-9]{32}-X)(?![A-Za-z0-9_-])`,
    entropy: 3,
    remedy: "Regenerate the API keys in the Flutterwave dashboard (Settings > API Keys).",
    tags: ['payment', 'flutterwave'],
    examples: {
      match: [
        "FLW_SECRET_KEY=FLWSECK-45d60a9ecfc3a74d7a4ad2d10ed6ed95-X",
      ],
      noMatch: [
        "FLW_SECRET_KEY=FLWSECK-c0a68abe20bf83515215-X",
        "FLW_SECRET_KEY=FLWSECK-2813aacef68ae7cfd98587adf621018c",
      ],
    },
  },
  {
    id: 'shippo-api-token',
    description: "Shippo live API token (shippo_live_…)",
    severity: 'high',
    keywords: ["shippo_live_"],
    pattern: String.raw`\b(?<secret>shippo_live_[a-fA-F0-9]{40})\b`,
    entropy: 3,
    remedy: "Regenerate the live token in the Shippo dashboard (Settings > API).",
    tags: ['payment', 'shipping', 'shippo'],
    examples: {
      match: [
        "SHIPPO_API_KEY=shippo_live_8a1e07f217b8771e69ea085d1ab60c0ddac23312",
      ],
      noMatch: [
        "SHIPPO_API_KEY=shippo_live_c86cf038bc8cfcd1f2d38616706f91",
      ],
    },
  },
  {
    id: 'easypost-api-key',
    description: "EasyPost production API key (EZAK…)",
    severity: 'high',
    keywords: ["ezak"],
    pattern: String.raw`\b(?<secret>EZAK[A-Za-z0-9]{54})\b`,
    entropy: 4,
    remedy: "Disable the key and create a new one in the EasyPost dashboard (Account Settings > API Keys).",
    tags: ['payment', 'shipping', 'easypost'],
    examples: {
      match: [
        "EASYPOST_API_KEY=EZAKJqXhHpHeooAwPVaRent4AC5ZlDyIa4kFhJKv3EAYWlzFksi093PsLL",
      ],
      noMatch: [
        "EASYPOST_API_KEY=EZAKOUTabAv0NMBde0HAkmuWLQKgdWIqlRG4A86whepS",
      ],
    },
  },
  {
    id: 'gocardless-access-token',
    description: "GoCardless live access token (live_…) next to a GoCardless keyword",
    severity: 'critical',
    keywords: ["gocardless"],
    pattern: String.raw`(?:gocardless[\w.-]{0,20}?(?:access[_.-]?)?token)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>live_[A-Za-z0-9_=-]{40})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 4,
    remedy: "Revoke the access token in the GoCardless dashboard (Developers > Access tokens).",
    tags: ['payment', 'gocardless'],
    examples: {
      match: [
        "GOCARDLESS_ACCESS_TOKEN=live_vizzn-R5HxTLYvAE1FWmrLfqwGumOTu9ceWAyWDM",
      ],
      noMatch: [
        "GOCARDLESS_ACCESS_TOKEN=live_kUcAKgKkbjjf_Jry6h22",
        "GOCARDLESS_CREDITOR=live_i0dmz9FGUBt43J9zLA7O1gzS0TQtwsOHdfQWCQP8",
      ],
    },
  },
  {
    id: 'mollie-api-key',
    description: "Mollie live API key (live_…) next to a Mollie keyword",
    severity: 'critical',
    keywords: ["mollie"],
    pattern: String.raw`(?:mollie[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>live_[A-Za-z0-9]{30})(?![A-Za-z0-9])`,
    flags: 'i',
    entropy: 4,
    remedy: "Reset the live API key in the Mollie Dashboard (Developers > API keys).",
    tags: ['payment', 'mollie'],
    examples: {
      match: [
        "MOLLIE_API_KEY=live_KVR2FNkvCQ5243kjyEHbCOWLXFj0vc",
      ],
      noMatch: [
        "MOLLIE_API_KEY=live_F0gU03DBpAAqyPYy5XiP",
        "MOLLIE_PROFILE_ID=live_1sWDqQK6rbLs9DveeIYVzCFe3juvLV",
      ],
    },
  },
];
