package io.acme;

import com.stripe.Stripe;

public class PaymentClient {
    private static final String STRIPE_KEY = "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";

    public PaymentClient() {
        Stripe.apiKey = STRIPE_KEY;
    }
}
