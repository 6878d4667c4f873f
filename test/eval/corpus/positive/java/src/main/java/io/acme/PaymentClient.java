package io.acme;

import com.stripe.Stripe;

public class PaymentClient {
    private static final String STRIPE_KEY = "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";

    public PaymentClient() {
        Stripe.apiKey = STRIPE_KEY;
    }
}
