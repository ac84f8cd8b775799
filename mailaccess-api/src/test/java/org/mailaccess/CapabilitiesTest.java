package org.mailaccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    private final Capabilities caps = new Capabilities(EnumSet.of(Capability.HEADERS_PREVIEW),
            Set.of("Expire 30", "LOGIN-DELAY 900", "auth=plain", "APPENDLIMIT=1000"));

    @Test
    void requireThrowsTheTypedErrorForAMissingFeature() {
        assertThatThrownBy(() -> caps.require(Capability.QUOTA))
                .isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> {
                    assertThat(e.capability()).isEqualTo(Capability.QUOTA);
                    assertThat(e.isSessionUsable()).isTrue();
                });
    }

    @Test
    void tokensAreComparedCaseInsensitivelyByKeyword() {
        assertThat(caps.hasToken("EXPIRE")).isTrue();
        assertThat(caps.hasToken("AUTH=PLAIN")).isTrue();
        assertThat(caps.hasToken("LOGIN")).isFalse();
        assertThat(caps.tokenArgument("expire")).contains("30");
        assertThat(caps.tokenArgument("LOGIN-DELAY")).contains("900");
        assertThat(caps.tokenArgument("APPENDLIMIT")).contains("1000");
        assertThat(caps.tokenArgument("IDLE")).isEmpty();
    }

    @Test
    void featuresAndTokensAreImmutableCopies() {
        assertThatThrownBy(() -> caps.features().add(Capability.MOVE)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> caps.serverTokens().add("X")).isInstanceOf(UnsupportedOperationException.class);
    }
}
