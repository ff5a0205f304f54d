package jp.renkei.hub.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PendingLoginsTest {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-01T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final PendingLogins pending = new PendingLogins(clock);

    @Test
    void aStepIsTakenOnceWithWhatWasGiven() {
        String key = pending.start("doctor-1", "Kibitan-kenko-2026", "123456").orElseThrow();
        assertThat(key).hasSizeGreaterThanOrEqualTo(43);
        assertThat(pending.take(key)).hasValueSatisfying(p -> {
            assertThat(p.login()).isEqualTo("doctor-1");
            assertThat(p.password()).isEqualTo("Kibitan-kenko-2026");
            assertThat(p.totp()).isEqualTo("123456");
        });
        assertThat(pending.take(key)).isEmpty();
        assertThat(pending.take("unknown")).isEmpty();
        assertThat(pending.take(null)).isEmpty();
    }

    @Test
    void aStepExpiresAfterFiveMinutes() {
        String kept = pending.start("a", "p", null).orElseThrow();
        String expired = pending.start("b", "p", null).orElseThrow();
        clock.now = clock.now.plus(PendingLogins.VALIDITY).minusSeconds(1);
        assertThat(pending.take(kept)).isPresent();
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        assertThat(pending.take(expired)).isEmpty();
    }

    @Test
    void tooManyPendingLoginsAreRefusedUntilSomeExpire() {
        for (int i = 0; i < PendingLogins.MAX_PENDING; i++) {
            assertThat(pending.start("p" + i, "x", null)).isPresent();
        }
        assertThat(pending.start("one-more", "x", null)).isEqualTo(Optional.empty());
        clock.now = clock.now.plus(PendingLogins.VALIDITY).plusSeconds(1);
        assertThat(pending.start("one-more", "x", null)).isPresent();
    }
}
