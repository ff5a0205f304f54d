package jp.renkei.hub.app.portal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jp.renkei.hub.core.auth.LoginService;
import org.springframework.stereotype.Component;

/**
 * A login between its steps (password right; two-factor code or facility choice still to come): the login
 * service's proof of the password ({@link LoginService.FirstFactor}), never the password itself, kept in memory for
 * at most {@link #VALIDITY} under a random single-use key that the next step's form carries. Not shared between
 * hub instances (one hub today) and lost on restart (the person logs in again).
 */
@Component
public class PendingLogins {

    public static final Duration VALIDITY = Duration.ofMinutes(5);
    static final int MAX_PENDING = 10_000;

    /** @param totp the code already accepted (single-use, valid for seconds), when only the facility choice is left */
    public record Pending(LoginService.FirstFactor firstFactor, String totp, Instant expiresAt) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Clock clock;

    PendingLogins(Clock clock) {
        this.clock = clock;
    }

    /** @return the key of the next step's form, or empty when too many logins are pending */
    public Optional<String> start(LoginService.FirstFactor firstFactor, String totp) {
        Instant now = clock.instant();
        pending.values().removeIf(p -> p.expiresAt().isBefore(now));
        if (pending.size() >= MAX_PENDING) {
            return Optional.empty();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.put(key, new Pending(firstFactor, totp, now.plus(VALIDITY)));
        return Optional.of(key);
    }

    /** The pending login of {@code key}, removed (single use); empty when unknown or expired. */
    public Optional<Pending> take(String key) {
        if (key == null) {
            return Optional.empty();
        }
        Pending found = pending.remove(key);
        return found == null || found.expiresAt().isBefore(clock.instant()) ? Optional.empty() : Optional.of(found);
    }
}
