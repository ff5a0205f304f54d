package jp.renkei.hub.vpn.enrol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;

import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One-time enrolment tokens (hub.vpn_enrolment_token). Only the SHA-256 of a token is stored: a copy of the
 * database does not let anyone enrol a router. A token is 256 random bits, so a plain hash is enough (no salt or
 * slow hash is needed against guessing).
 */
@Repository
class EnrolmentTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    EnrolmentTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    /** What redeeming a token does. */
    enum Purpose {
        /** A first or a new enrolment: the new certificate replaces any earlier one at once. */
        ENROLMENT,
        /** Renewal before the end date: the earlier certificate stays valid until the router has switched. */
        RENEWAL
    }

    EnrolmentToken create(String facilityId, java.time.Duration validity, String actorId, Purpose purpose) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(validity);
        jdbc.sql("""
                        INSERT INTO hub.vpn_enrolment_token
                            (token_hash, facility_id, created_at, created_by, expires_at, purpose)
                        VALUES (:hash, :facility, :now, :actor, :expires, :purpose)""")
                .param("hash", hash(token))
                .param("facility", facilityId)
                .param("now", utc(now))
                .param("actor", actorId)
                .param("expires", utc(expiresAt))
                .param("purpose", purpose.name())
                .update();
        return new EnrolmentToken(facilityId, token, expiresAt);
    }

    /**
     * The facility a usable token was issued for, locking the token until the transaction ends: a token used
     * twice at once is used once.
     *
     * @throws ApiException 400 blank, 403 unknown, 410 expired, 409 already used
     */
    Redeemable lock(String token) {
        if (token == null || token.isBlank()) {
            throw ApiException.invalid("token", "登録トークンを指定してください");
        }
        Redeemable row = jdbc.sql("""
                        SELECT token_hash, facility_id, expires_at, used_at, purpose FROM hub.vpn_enrolment_token
                        WHERE token_hash = :hash FOR UPDATE""")
                .param("hash", hash(token.strip()))
                .query((rs, n) -> new Redeemable(rs.getString("token_hash"), rs.getString("facility_id"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("used_at", OffsetDateTime.class) != null, Purpose.valueOf(rs.getString("purpose"))))
                .optional()
                .orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, "登録トークンが正しくありません"));
        if (row.used()) {
            throw ApiException.conflict("この登録トークンは使用済みです。施設管理者が新しいトークンを発行してください");
        }
        if (!row.expiresAt().isAfter(clock.instant())) {
            throw new ApiException(HttpStatus.GONE, "登録トークンの有効期限 (" + row.expiresAt()
                    + ") が切れています。施設管理者が新しいトークンを発行してください");
        }
        return row;
    }

    void markUsed(Redeemable token, String serial) {
        jdbc.sql("UPDATE hub.vpn_enrolment_token SET used_at = :now, used_serial = :serial WHERE token_hash = :hash")
                .param("now", utc(clock.instant()))
                .param("serial", serial)
                .param("hash", token.hash())
                .update();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    record Redeemable(String hash, String facilityId, Instant expiresAt, boolean used, Purpose purpose) {
    }
}
