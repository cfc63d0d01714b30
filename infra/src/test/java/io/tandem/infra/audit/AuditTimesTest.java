package io.tandem.infra.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditTimesTest {

    @Test
    void instantsOffsetsAndUtcLocalTimesAreAccepted() {
        Instant expected = Instant.parse("2026-12-03T14:02:00Z");
        assertThat(AuditTimes.parse("2026-12-03T14:02:00Z", "--at")).isEqualTo(expected);
        assertThat(AuditTimes.parse("2026-12-03T15:02:00+01:00", "--at")).isEqualTo(expected);
        assertThat(AuditTimes.parse("2026-12-03T14:02", "--at")).isEqualTo(expected);
        assertThat(AuditTimes.parse("2026-12-03", "--at")).isEqualTo(Instant.parse("2026-12-03T00:00:00Z"));
        assertThat(AuditTimes.parse(" ", "--at")).isNull();
    }

    @Test
    void anythingElseIsABadArgumentNamingTheOption() {
        assertThatThrownBy(() -> AuditTimes.parse("yesterday", "--from"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--from");
    }
}
