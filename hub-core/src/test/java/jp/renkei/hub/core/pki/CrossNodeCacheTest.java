package jp.renkei.hub.core.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import jp.renkei.hub.core.auth.AuthProperties;
import jp.renkei.hub.core.cluster.ClusterEvents;
import jp.renkei.hub.core.cluster.ClusterNode;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.testsupport.HubCoreTest;
import jp.renkei.hub.core.testsupport.TestFacilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Another hub node on the same database changes a device certificate or a facility: this node's cached answers
 * ({@code renkei.auth.lookup-cache-ttl}) must give way on its next request, not after the TTL. "Another node" is
 * the change written straight to the database plus a second {@link ClusterEvents} with its own node name, which is
 * what a second hub process does.
 */
@HubCoreTest
class CrossNodeCacheTest {

    private static final String ADMIN = "admin-1";

    @Autowired
    DeviceCertificates devices;
    @Autowired
    FacilityRegistry registry;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    AuthProperties auth;

    private ClusterEvents otherNode;
    private String facility;

    @BeforeEach
    void otherNodeAndFacility() {
        otherNode = new ClusterEvents(dataSource, jdbc, ClusterNode.named("node-b"));
        facility = TestFacilities.active(registry);
    }

    @AfterEach
    void stopOtherNode() {
        otherNode.stop();
    }

    @Test
    void aCertificateRevokedOnAnotherNodeIsRefusedHereWithinTheCacheTimeToLive() throws Exception {
        IssuedDeviceCertificate issued = devices.issue(facility, "gateway-cluster", DeviceKind.GATEWAY,
                TestKeys.csr(TestKeys.EC_P256), ADMIN);
        X509Certificate certificate = Pem.parseCertificate(issued.certificatePem());
        assertThat(devices.authenticate(certificate)).isPresent();
        long cachedAt = System.nanoTime();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.sql("""
                    UPDATE hub.device_certificate SET status = 'REVOKED', revoked_at = now(), revoked_by = 'node-b',
                        revocation_reason = 'KEY_COMPROMISE' WHERE serial = ?""").param(issued.serial()).update();
            assertThat(devices.authenticate(certificate)).as("cached until the other node's commit").isPresent();
            otherNode.publish("device-certificate");
        });

        assertThat(eventually(() -> devices.authenticate(certificate).isEmpty())).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - cachedAt)).isLessThan(auth.lookupCacheTtl());
    }

    @Test
    void aFacilitySuspendedOnAnotherNodeIsRefusedHereWithinTheCacheTimeToLive() throws Exception {
        assertThat(registry.isActive(facility)).isTrue();
        long cachedAt = System.nanoTime();

        jdbc.sql("UPDATE hub.facility SET status = 'SUSPENDED' WHERE id = ?::uuid").param(facility).update();
        assertThat(registry.isActive(facility)).as("the cached answer, without an event").isTrue();
        otherNode.publish("facility"); // outside a transaction: sent at once

        assertThat(eventually(() -> !registry.isActive(facility))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - cachedAt)).isLessThan(auth.lookupCacheTtl());
    }

    @Test
    void anEventOfARolledBackChangeIsNeverDelivered() throws Exception {
        assertThat(registry.isActive(facility)).isTrue();
        jdbc.sql("UPDATE hub.facility SET status = 'SUSPENDED' WHERE id = ?::uuid").param(facility).update();
        TransactionTemplate rolledBack = new TransactionTemplate(transactions);
        rolledBack.executeWithoutResult(status -> {
            otherNode.publish("facility");
            status.setRollbackOnly();
        });

        Thread.sleep(1500);
        assertThat(registry.isActive(facility)).as("still the cached answer: nothing was published").isTrue();
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
