package org.mailaccess.pop3.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailaccess.Capabilities;

/** Reading EXPIRE and LOGIN-DELAY (RFC 2449 sections 6.7 and 6.8) and judging them against the leave policy. */
class ServerInfoTest {

    private static ServerInfo server(String... capaLines) {
        return ServerInfo.of(3, 1000, new Capabilities(Set.of(), Set.of(capaLines)));
    }

    @Test
    void expireAndLoginDelayAreReadFromTheCapabilityLines() {
        ServerInfo info = server("UIDL", "EXPIRE 30", "LOGIN-DELAY 900");

        assertThat(info.expire()).contains("30");
        assertThat(info.expireDays()).hasValue(30);
        assertThat(info.loginDelaySeconds()).hasValue(900);
    }

    @Test
    void expireNeverOrAbsentMeansNoRetentionLimit() {
        assertThat(server("EXPIRE NEVER").expireDays()).isEmpty();
        assertThat(server("UIDL").expireDays()).isEmpty();
        assertThat(server("EXPIRE NEVER").expireOverride(LeavePolicy.keep())).isEmpty();
    }

    @Test
    void theUserSuffixOfPreLoginCapabilitiesIsTolerated() {
        assertThat(server("EXPIRE 5 USER", "LOGIN-DELAY 60 USER").expireDays()).hasValue(5);
        assertThat(server("LOGIN-DELAY 60 USER").loginDelaySeconds()).hasValue(60);
    }

    @Test
    void expireOverridesOnlyPoliciesThatKeepMessagesLongerThanTheServer() {
        ServerInfo zero = server("EXPIRE 0");
        ServerInfo thirty = server("EXPIRE 30");

        assertThat(zero.expireOverride(LeavePolicy.keep())).hasValueSatisfying(m -> m.contains("EXPIRE 0"));
        assertThat(zero.expireOverride(LeavePolicy.deleteWhenRemovedFromTrash())).isPresent();
        assertThat(zero.expireOverride(LeavePolicy.deleteAfterDownload())).isEmpty();
        assertThat(zero.expireOverride(LeavePolicy.deleteDaysAfterDownload(0))).isEmpty();
        assertThat(thirty.expireOverride(LeavePolicy.deleteDaysAfterDownload(30))).isEmpty();
        assertThat(thirty.expireOverride(LeavePolicy.deleteDaysAfterDownload(31))).isPresent();
        assertThat(thirty.expireOverride(LeavePolicy.keep())).isPresent();
    }

    @Test
    void aRecordedLoginWithoutDelayNeverBlocks() {
        assertThat(new LedgerState.Login(java.time.Instant.EPOCH, OptionalInt.empty()).nextLoginAllowed())
                .isEqualTo(Optional.empty());
    }
}
