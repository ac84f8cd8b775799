package org.mailaccess.pop3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapaLinesTest {

    private final CapaLines capa = CapaLines.of(List.of("TOP", "uidl", "SASL PLAIN xoauth2", "EXPIRE 30 USER",
            "LOGIN-DELAY 900", "IMPLEMENTATION Shlemazle-Plotz-v302"));

    @Test
    void keywordsCompareCaseInsensitively() {
        assertThat(capa.has("UIDL")).isTrue();
        assertThat(capa.has("top")).isTrue();
        assertThat(capa.has("PIPELINING")).isFalse();
        assertThat(capa.has("SASL")).isTrue();
    }

    @Test
    void saslMechanismsAreUpperCased() {
        assertThat(capa.saslMechanisms()).containsExactly("PLAIN", "XOAUTH2");
    }

    @Test
    void expireDropsTheUserMarkerAndLoginDelayIsANumber() {
        assertThat(capa.expire()).contains("30");
        assertThat(capa.loginDelay()).hasValue(900);
        assertThat(CapaLines.of(List.of("EXPIRE NEVER", "LOGIN-DELAY soon")).expire()).contains("NEVER");
        assertThat(CapaLines.of(List.of("LOGIN-DELAY soon")).loginDelay()).isEmpty();
        assertThat(CapaLines.NONE.expire()).isEmpty();
    }
}
