package jp.renkei.hub.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import jp.renkei.hub.core.auth.LoginService;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

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
    /** Only the login service makes real ones (after a right password); here any will do. */
    private final LoginService.FirstFactor proof = Mockito.mock(LoginService.FirstFactor.class);

    @Test
    void aStepIsTakenOnceWithWhatWasGiven() {
        String key = pending.start(proof, "123456").orElseThrow();
        assertThat(key).hasSizeGreaterThanOrEqualTo(43);
        assertThat(pending.take(key)).hasValueSatisfying(p -> {
            assertThat(p.firstFactor()).isSameAs(proof);
            assertThat(p.totp()).isEqualTo("123456");
        });
        assertThat(PendingLogins.Pending.class.getRecordComponents()).extracting(c -> c.getName())
                .as("no password is kept between the steps").doesNotContain("password");
        assertThat(pending.take(key)).isEmpty();
        assertThat(pending.take("unknown")).isEmpty();
        assertThat(pending.take(null)).isEmpty();
    }

    @Test
    void aStepExpiresAfterFiveMinutes() {
        String kept = pending.start(proof, null).orElseThrow();
        String expired = pending.start(proof, null).orElseThrow();
        clock.now = clock.now.plus(PendingLogins.VALIDITY).minusSeconds(1);
        assertThat(pending.take(kept)).isPresent();
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        assertThat(pending.take(expired)).isEmpty();
    }

    @Test
    void tooManyPendingLoginsAreRefusedUntilSomeExpire() {
        for (int i = 0; i < PendingLogins.MAX_PENDING; i++) {
            assertThat(pending.start(proof, null)).isPresent();
        }
        assertThat(pending.start(proof, null)).isEqualTo(Optional.empty());
        clock.now = clock.now.plus(PendingLogins.VALIDITY).plusSeconds(1);
        assertThat(pending.start(proof, null)).isPresent();
    }
}
