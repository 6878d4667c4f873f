package io.acme;

import com.stripe.Stripe;

public class PaymentClient {
    private static final String STRIPE_KEY = "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";

    public PaymentClient() {
        Stripe.apiKey = STRIPE_KEY;
    }
}
