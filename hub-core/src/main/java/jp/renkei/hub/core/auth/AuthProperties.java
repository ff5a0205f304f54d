package jp.renkei.hub.core.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication policy ({@code renkei.auth.*}).
 *
 * @param maxFailedLogins     consecutive failures that lock an account until an administrator unlocks it
 * @param passwordMinLength   minimum password length
 * @param passwordMaxAge      after this, login answers with a rotation reminder
 * @param sessionIdleTimeout  a session unused this long ends
 * @param sessionMaxLifetime  a session ends this long after login, used or not
 * @param activationValidity  how long an invitation's activation code works
 * @param totpIssuer          the issuer name shown in authenticator apps
 * @param lookupCacheTtl      how long a device certificate's or facility's status, read for a request, is reused;
 *                            changes made on this hub node apply to the next request at once, changes made on
 *                            another node sharing the database after at most this long ({@code 0s}: read every time)
 */
@ConfigurationProperties("renkei.auth")
public record AuthProperties(
        @DefaultValue("5") int maxFailedLogins,
        @DefaultValue("12") int passwordMinLength,
        @DefaultValue("90d") Duration passwordMaxAge,
        @DefaultValue("30m") Duration sessionIdleTimeout,
        @DefaultValue("12h") Duration sessionMaxLifetime,
        @DefaultValue("72h") Duration activationValidity,
        @DefaultValue("Renkei Hub") String totpIssuer,
        @DefaultValue("5s") Duration lookupCacheTtl) {
}
