package jp.renkei.hub.core.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.bouncycastle.util.encoders.Base32;
import org.springframework.stereotype.Component;

/**
 * RFC 6238 time-based one-time passwords as authenticator apps use them: HMAC-SHA1, 6 digits, 30-second
 * steps. A code is accepted for the current step and one step either side (clock drift), and a step
 * already used cannot be used again (replay).
 */
@Component
public class TotpCodes {

    private static final Duration STEP = Duration.ofSeconds(30);
    private static final int SECRET_BYTES = 20;

    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, 6);
    private final SecureRandom random = new SecureRandom();

    /** A new shared secret, Base32 without padding, as authenticator apps expect it. */
    public String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return Base32.toBase32String(secret).replace("=", "");
    }

    /** The otpauth:// URI an authenticator app reads from the enrolment QR code. */
    public String provisioningUri(String issuer, String account, String secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=6&period=" + STEP.toSeconds();
    }

    public String codeAt(String secret, Instant time) {
        try {
            return String.format("%06d", generator.generateOneTimePassword(key(secret), time));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("Stored TOTP secret is unusable", e);
        }
    }

    /**
     * The time step the code belongs to, if it is valid now and newer than {@code lastUsedStep}.
     * The caller stores the returned step so the same code cannot be replayed.
     */
    public OptionalLong verify(String secret, String code, Instant now, long lastUsedStep) {
        if (code == null || !code.matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        long current = now.getEpochSecond() / STEP.toSeconds();
        for (long step = current - 1; step <= current + 1; step++) {
            if (step > lastUsedStep && codeAt(secret, Instant.ofEpochSecond(step * STEP.toSeconds())).equals(code)) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    private SecretKeySpec key(String secret) {
        String padded = secret + "=".repeat((8 - secret.length() % 8) % 8);
        return new SecretKeySpec(Base32.decode(padded), generator.getAlgorithm());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
