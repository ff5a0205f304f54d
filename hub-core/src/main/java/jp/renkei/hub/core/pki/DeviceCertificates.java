package jp.renkei.hub.core.pki;

import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jp.renkei.hub.core.auth.AuthProperties;
import jp.renkei.hub.core.cache.RecentAnswers;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.cluster.ClusterEvents;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registry of facility systems and their client certificates: issues certificates from CSRs, revokes them,
 * and tells the hub's X.509 authentication which device, if any, a presented certificate belongs to.
 */
@Service
public class DeviceCertificates {

    /** The {@link ClusterEvents} topic of device certificate changes. */
    static final String CLUSTER_TOPIC = "device-certificate";

    private final JdbcClient jdbc;
    private final HubCertificateAuthority ca;
    private final RevocationList revocationList;

    private final FacilityRegistry facilities;
    /** {@link #authenticate} answers by certificate (equal = same encoding); forgotten on every change here. */
    private final RecentAnswers<X509Certificate, Optional<DeviceIdentity>> authentications;
    private final ClusterEvents cluster;

    public DeviceCertificates(JdbcClient jdbc, HubCertificateAuthority ca, RevocationList revocationList,
                              FacilityRegistry facilities, AuthProperties auth, ClusterEvents cluster) {
        this.jdbc = jdbc;
        this.ca = ca;
        this.revocationList = revocationList;
        this.facilities = facilities;
        this.authentications = new RecentAnswers<>(auth.lookupCacheTtl());
        this.cluster = cluster;
        // A certificate revoked through another node is refused here on the next request, not after the TTL.
        cluster.subscribe(CLUSTER_TOPIC, authentications::forgetAll);
    }

    /**
     * Issues a certificate for the facility's active device of this name, registering the device if there is
     * none. An existing device gets a new certificate and its previous one is revoked as superseded.
     *
     * @throws ApiException 400 for a missing field or an unacceptable CSR, 409 if the name belongs to a device
     *                      of another kind
     */
    @Transactional
    public IssuedDeviceCertificate issue(String facilityId, String name, DeviceKind kind, String csrPem, String actorId) {
        if (kind == DeviceKind.VPN_ROUTER) {
            // A router certificate without the site's IKE identity in its SAN would not bring a tunnel up.
            throw ApiException.invalid("kind", "VPN routers are enrolled with a one-time token through /api/vpn/enrolment");
        }
        return issue(facilityId, name, kind, csrPem, List.of(), true, actorId);
    }

    /**
     * Issues the certificate of the facility's VPN router (kind {@link DeviceKind#VPN_ROUTER}) with the site's
     * IKE identity as dNSName SAN; like {@link #issue}, a router of the same name gets a new certificate and its
     * previous one is revoked as superseded.
     */
    @Transactional
    public IssuedDeviceCertificate issueVpnRouter(String facilityId, String name, String ikeIdentity, String csrPem,
                                                  String actorId) {
        return issue(facilityId, name, DeviceKind.VPN_ROUTER, csrPem, List.of(requireText("ikeIdentity", ikeIdentity)),
                true, actorId);
    }

    /**
     * Issues a renewal certificate for the facility's VPN router and keeps its previous certificate valid (status
     * RETIRING, not in the CRL), so the tunnel stays up until the router has switched to the new one; the caller
     * revokes it afterwards with {@link #revokeCertificate}.
     */
    @Transactional
    public IssuedDeviceCertificate renewVpnRouter(String facilityId, String name, String ikeIdentity, String csrPem,
                                                  String actorId) {
        return issue(facilityId, name, DeviceKind.VPN_ROUTER, csrPem, List.of(requireText("ikeIdentity", ikeIdentity)),
                false, actorId);
    }

    private IssuedDeviceCertificate issue(String facilityId, String name, DeviceKind kind, String csrPem,
                                          List<String> dnsNames, boolean supersede, String actorId) {
        requireText("facilityId", facilityId);
        // Sites get their certificates between approval and going live, so APPROVED is enough.
        Facility facility = facilities.require(facilityId, Set.of(FacilityStatus.APPROVED, FacilityStatus.ACTIVE),
                "issue device certificates");
        if (kind == DeviceKind.MONITORING && facility.kind() != FacilityKind.HUB_OPERATOR) {
            // a scraper sees the whole hub's figures: only the operator runs one
            throw ApiException.invalid("kind", "only the hub operator's facility registers a MONITORING system");
        }
        String deviceName = requireText("name", name);
        if (kind == null) {
            throw ApiException.invalid("kind", "must not be null");
        }
        DeviceCsr csr = DeviceCsr.parse(csrPem);
        Instant now = ca.now();
        forgetAfterCommit(); // a previous certificate is revoked or retired below
        Optional<Device> existing = selectDevices("d.facility_id = :facility AND d.name = :name AND d.status = 'ACTIVE' FOR UPDATE OF d")
                .param("facility", facilityId)
                .param("name", deviceName)
                .query(DeviceCertificates::device)
                .optional();
        UUID deviceId;
        if (existing.isPresent()) {
            if (existing.get().kind() != kind) {
                throw ApiException.conflict("Device '" + deviceName + "' of facility " + facilityId + " is a "
                        + existing.get().kind() + ", not a " + kind + "; revoke it and register the new system under a new name");
            }
            deviceId = existing.get().deviceId();
            if (supersede) {
                revokeIssuedCertificate(deviceId, RevocationReason.SUPERSEDED, actorId, now);
            } else {
                jdbc.sql("UPDATE hub.device_certificate SET status = 'RETIRING' WHERE device_id = :device AND status = 'ISSUED'")
                        .param("device", deviceId)
                        .update();
            }
        } else {
            deviceId = UUID.randomUUID();
            register(deviceId, facilityId, deviceName, kind, actorId, now);
        }
        X509Certificate certificate = ca.issueDeviceCertificate(deviceId, facilityId, kind, csr, dnsNames);
        String serial = HubCertificateAuthority.serialHex(certificate.getSerialNumber());
        String pem = Pem.certificate(certificate);
        jdbc.sql("""
                        INSERT INTO hub.device_certificate
                            (serial, device_id, subject, not_before, not_after, pem, status, issued_at, issued_by)
                        VALUES (:serial, :device, :subject, :notBefore, :notAfter, :pem, 'ISSUED', :now, :actor)""")
                .param("serial", serial)
                .param("device", deviceId)
                .param("subject", certificate.getSubjectX500Principal().getName())
                .param("notBefore", utc(certificate.getNotBefore().toInstant()))
                .param("notAfter", utc(certificate.getNotAfter().toInstant()))
                .param("pem", pem)
                .param("now", utc(now))
                .param("actor", actorId)
                .update();
        if (existing.isPresent() && supersede) {
            revocationList.republish();
        }
        return new IssuedDeviceCertificate(deviceId, serial, certificate.getNotAfter().toInstant(), pem, ca.certificatePem());
    }

    /** Every device of the facility, active and revoked, with its latest certificate, by name. */
    @Transactional(readOnly = true)
    public List<Device> list(String facilityId) {
        return selectDevices("d.facility_id = :facility ORDER BY d.name, d.created_at")
                .param("facility", facilityId)
                .query(DeviceCertificates::device)
                .list();
    }

    /** Every certificate of the facility's device, newest first; empty for another facility's device. */
    @Transactional(readOnly = true)
    public List<DeviceCertificate> certificates(String facilityId, UUID deviceId) {
        return jdbc.sql("""
                        SELECT c.serial, c.subject, c.not_before, c.not_after, c.status AS certificate_status,
                               c.revoked_at, c.revocation_reason, c.issued_at
                        FROM hub.device_certificate c JOIN hub.device d ON d.id = c.device_id
                        WHERE d.id = :id AND d.facility_id = :facility ORDER BY c.issued_at DESC""")
                .param("id", deviceId)
                .param("facility", facilityId)
                .query((rs, row) -> certificate(rs))
                .list();
    }

    /**
     * Revokes one retiring or issued certificate of the facility's device (the device stays active) and publishes a
     * new CRL.
     *
     * @return whether it was valid and is now revoked
     */
    @Transactional
    public boolean revokeCertificate(String facilityId, UUID deviceId, String serial, RevocationReason reason,
                                     String actorId) {
        forgetAfterCommit();
        int revoked = jdbc.sql("""
                        UPDATE hub.device_certificate c
                        SET status = 'REVOKED', revoked_at = :now, revoked_by = :actor, revocation_reason = :reason
                        FROM hub.device d
                        WHERE d.id = c.device_id AND d.id = :device AND d.facility_id = :facility
                          AND c.serial = :serial AND c.status IN ('ISSUED', 'RETIRING')""")
                .param("now", utc(ca.now()))
                .param("actor", actorId)
                .param("reason", reason.name())
                .param("device", deviceId)
                .param("facility", facilityId)
                .param("serial", serial)
                .update();
        if (revoked > 0) {
            revocationList.republish();
        }
        return revoked > 0;
    }

    /**
     * The PEM of the device's latest certificate (issued or revoked); empty when the facility has no such device
     * (another facility's device is absent here, exactly like one that does not exist).
     */
    @Transactional(readOnly = true)
    public Optional<String> certificatePem(String facilityId, UUID deviceId) {
        return jdbc.sql("""
                        SELECT c.pem FROM hub.device_certificate c JOIN hub.device d ON d.id = c.device_id
                        WHERE d.id = :id AND d.facility_id = :facility ORDER BY c.issued_at DESC LIMIT 1""")
                .param("id", deviceId)
                .param("facility", facilityId)
                .query(String.class)
                .optional();
    }

    /**
     * Revokes the device and its certificate, and publishes a new CRL. From the commit on, the certificate no
     * longer authenticates.
     *
     * @throws ApiException 404 if the facility has no such device, 409 if it is already revoked
     */
    @Transactional
    public Device revoke(String facilityId, UUID deviceId, RevocationReason reason, String actorId) {
        if (reason == null) {
            throw ApiException.invalid("reason", "must not be null");
        }
        Device device = find(facilityId, deviceId, " FOR UPDATE OF d")
                // Another facility's device is reported exactly like a missing one: its existence is not disclosed.
                .orElseThrow(() -> ApiException.notFound("Device " + deviceId + " of facility " + facilityId));
        if (device.status() == Device.Status.REVOKED) {
            throw ApiException.conflict("Device " + deviceId + " is already revoked");
        }
        Instant now = ca.now();
        forgetAfterCommit();
        jdbc.sql("UPDATE hub.device SET status = 'REVOKED' WHERE id = :id").param("id", deviceId).update();
        revokeIssuedCertificate(deviceId, reason, actorId, now);
        revocationList.republish();
        return find(facilityId, deviceId, "").orElseThrow();
    }

    /**
     * The active device a client certificate belongs to, if the hub CA issued it, it is valid now, and it is the
     * device's current certificate. Every change of devices and certificates in this hub node applies to the next
     * call after its commit; one made by another node sharing the database within {@code renkei.auth.lookup-cache-ttl}.
     * Runs in the caller's transaction if any: a request's authentication needs no transaction of its own.
     */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public Optional<DeviceIdentity> authenticate(X509Certificate presented) {
        // Expiry is checked every time (no database needed): a remembered answer must not outlive the certificate.
        if (presented == null || !ca.isValidNow(presented)) {
            return Optional.empty();
        }
        return authentications.get(presented, this::lookUp);
    }

    private Optional<DeviceIdentity> lookUp(X509Certificate presented) {
        if (!ca.vouchesFor(presented)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT d.id, d.facility_id, d.name, d.kind
                        FROM hub.device_certificate c JOIN hub.device d ON d.id = c.device_id
                        WHERE c.serial = :serial AND c.status = 'ISSUED' AND d.status = 'ACTIVE'""")
                .param("serial", HubCertificateAuthority.serialHex(presented.getSerialNumber()))
                .query((rs, row) -> new DeviceIdentity(rs.getObject("id", UUID.class), rs.getString("facility_id"),
                        rs.getString("name"), DeviceKind.valueOf(rs.getString("kind"))))
                .optional()
                // A VPN router's certificate is for IKE only: over TLS it authenticates nobody.
                .filter(identity -> identity.kind().authenticatesApiRequests());
    }

    private Optional<Device> find(String facilityId, UUID deviceId, String lock) {
        return selectDevices("d.id = :id AND d.facility_id = :facility" + lock)
                .param("id", deviceId)
                .param("facility", facilityId)
                .query(DeviceCertificates::device)
                .optional();
    }

    /** Devices with their latest certificate, filtered (and ordered or locked) by the given SQL. */
    private JdbcClient.StatementSpec selectDevices(String condition) {
        return jdbc.sql("""
                SELECT d.id, d.facility_id, d.name, d.kind, d.status, d.created_at, d.created_by,
                       c.serial, c.subject, c.not_before, c.not_after, c.status AS certificate_status, c.revoked_at,
                       c.revocation_reason
                FROM hub.device d
                LEFT JOIN LATERAL (SELECT * FROM hub.device_certificate c WHERE c.device_id = d.id
                                   ORDER BY c.issued_at DESC LIMIT 1) c ON true
                WHERE\s""" + condition);
    }

    private void register(UUID deviceId, String facilityId, String name, DeviceKind kind, String actorId, Instant now) {
        try {
            jdbc.sql("""
                            INSERT INTO hub.device (id, facility_id, name, kind, status, created_at, created_by)
                            VALUES (:id, :facility, :name, :kind, 'ACTIVE', :now, :actor)""")
                    .param("id", deviceId)
                    .param("facility", facilityId)
                    .param("name", name)
                    .param("kind", kind.name())
                    .param("now", utc(now))
                    .param("actor", actorId)
                    .update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("Device '" + name + "' of facility " + facilityId
                    + " was registered at the same time by another request; retry to renew its certificate");
        }
    }

    private void revokeIssuedCertificate(UUID deviceId, RevocationReason reason, String actorId, Instant now) {
        jdbc.sql("""
                        UPDATE hub.device_certificate
                        SET status = 'REVOKED', revoked_at = :now, revoked_by = :actor, revocation_reason = :reason
                        WHERE device_id = :device AND status IN ('ISSUED', 'RETIRING')""")
                .param("now", utc(now))
                .param("actor", actorId)
                .param("reason", reason.name())
                .param("device", deviceId)
                .update();
    }

    private static Device device(ResultSet rs, int row) throws SQLException {
        DeviceCertificate certificate = rs.getString("serial") == null ? null : certificate(rs);
        return new Device(rs.getObject("id", UUID.class), rs.getString("facility_id"), rs.getString("name"),
                DeviceKind.valueOf(rs.getString("kind")), Device.Status.valueOf(rs.getString("status")),
                instant(rs, "created_at"), rs.getString("created_by"), certificate);
    }

    private static DeviceCertificate certificate(ResultSet rs) throws SQLException {
        return new DeviceCertificate(rs.getString("serial"), rs.getString("subject"),
                instant(rs, "not_before"), instant(rs, "not_after"),
                DeviceCertificate.Status.valueOf(rs.getString("certificate_status")), instant(rs, "revoked_at"),
                rs.getString("revocation_reason") == null ? null : RevocationReason.valueOf(rs.getString("revocation_reason")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, "must not be blank");
        }
        return value.strip();
    }

    /** Here at once and after the commit; on the other nodes when the change commits. */
    private void forgetAfterCommit() {
        authentications.forgetAllAfterCommit();
        cluster.publish(CLUSTER_TOPIC);
    }
}
