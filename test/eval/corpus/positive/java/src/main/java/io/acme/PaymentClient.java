package io.acme;

import com.stripe.Stripe;

public class PaymentClient {
    private static final String STRIPE_KEY = "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";

    public PaymentClient() {
        Stripe.apiKey = STRIPE_KEY;
    }
}
