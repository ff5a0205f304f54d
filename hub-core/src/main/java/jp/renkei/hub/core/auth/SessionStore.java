package jp.renkei.hub.core.auth;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.renkei.hub.core.security.HubRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Server-side sessions behind opaque bearer tokens: the database holds only the token's hash, a session can
 * be ended at once (logout, lock, retirement), and it expires after idle time and after a maximum lifetime.
 */
@Component
public class SessionStore {

    /** FULL for normal work; TOTP_ENROLMENT only lets a person enrol their authenticator after the password. */
    public enum Scope { FULL, TOTP_ENROLMENT }

    public record Session(String personId, String displayName, String facilityId, Set<HubRole> roles, Scope scope,
                          Instant expiresAt) {
    }

    private static final Duration TOUCH_INTERVAL = Duration.ofSeconds(60);
    private static final Duration ENROLMENT_LIFETIME = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final AuthProperties properties;

    public SessionStore(JdbcClient jdbc, AuthProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Starts a session and returns its bearer token (shown to the client once). */
    public String start(String personId, String facilityId, Set<HubRole> roles, Scope scope, Instant now) {
        // Housekeeping on the way: sessions past their lifetime or idle limit are of no use to anyone.
        jdbc.sql("DELETE FROM hub.session WHERE expires_at < ? OR last_seen_at < ?")
                .params(Timestamp.from(now), Timestamp.from(now.minus(properties.sessionIdleTimeout()))).update();
        String token = SecretTokens.newToken();
        Instant expires = now.plus(scope == Scope.FULL ? properties.sessionMaxLifetime() : ENROLMENT_LIFETIME);
        jdbc.sql("""
                INSERT INTO hub.session (token_hash, person_id, facility_id, roles, scope, created_at, last_seen_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(SecretTokens.hashToken(token), UUID.fromString(personId), facilityId,
                        roles.stream().map(Enum::name).sorted().collect(Collectors.joining(",")), scope.name(),
                        Timestamp.from(now), Timestamp.from(now), Timestamp.from(expires))
                .update();
        return token;
    }

    public Optional<Session> resolve(String token, Instant now) {
        String hash = SecretTokens.hashToken(token);
        return jdbc.sql("""
                SELECT s.person_id, p.display_name, s.facility_id, s.roles, s.scope, s.last_seen_at, s.expires_at
                FROM hub.session s JOIN hub.person p ON p.id = s.person_id AND p.status = 'ACTIVE'
                WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_seen_at > ?""")
                .params(hash, Timestamp.from(now), Timestamp.from(now.minus(properties.sessionIdleTimeout())))
                .query((rs, n) -> {
                    Instant lastSeen = rs.getTimestamp("last_seen_at").toInstant();
                    if (lastSeen.isBefore(now.minus(TOUCH_INTERVAL))) {
                        jdbc.sql("UPDATE hub.session SET last_seen_at = ? WHERE token_hash = ?")
                                .params(Timestamp.from(now), hash).update();
                    }
                    return new Session(rs.getString("person_id"), rs.getString("display_name"), rs.getString("facility_id"),
                            roles(rs.getString("roles")), Scope.valueOf(rs.getString("scope")),
                            rs.getTimestamp("expires_at").toInstant());
                })
                .optional();
    }

    public void end(String token) {
        jdbc.sql("DELETE FROM hub.session WHERE token_hash = ?").param(SecretTokens.hashToken(token)).update();
    }

    public void endAllOf(String personId) {
        jdbc.sql("DELETE FROM hub.session WHERE person_id = ?").param(UUID.fromString(personId)).update();
    }

    private static Set<HubRole> roles(String text) {
        Set<HubRole> roles = EnumSet.noneOf(HubRole.class);
        if (!text.isBlank()) {
            Arrays.stream(text.split(",")).map(HubRole::valueOf).forEach(roles::add);
        }
        return roles;
    }
}
