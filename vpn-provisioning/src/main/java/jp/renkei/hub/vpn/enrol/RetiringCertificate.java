package jp.renkei.hub.vpn.enrol;

import java.time.Instant;

/**
 * A renewed router's previous certificate, still valid while the router switches to the new one.
 *
 * @param retireAt when the hub revokes it by itself, unless the site confirms the switch sooner
 */
public record RetiringCertificate(String serial, Instant notAfter, Instant retireAt) {
}
