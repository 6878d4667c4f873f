package io.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HmacTest {
    // RFC 4231 test case 2: key "Jefe"
    @org.junit.jupiter.api.Test
    void rfc4231() {
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            Hmac.sha256("Jefe", "what do ya want for nothing?"));
    }

    @org.springframework.beans.factory.annotation.Value("${api.secret}")
    private String secret;
}
