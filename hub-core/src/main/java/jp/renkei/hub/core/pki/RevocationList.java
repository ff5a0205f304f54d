package jp.renkei.hub.core.pki;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hub CA's certificate revocation list, stored in the database so that every hub node serves the same one
 * and CRL numbers keep increasing across restarts. A new CRL is signed in the transaction of each revocation,
 * and again whenever the stored one is half-way to its nextUpdate, so a relying party never holds an expired one.
 */
@Component
public class RevocationList {

    static final Duration REFRESH_AFTER = HubCertificateAuthority.CRL_VALIDITY.dividedBy(2);

    private final JdbcClient jdbc;
    private final HubCertificateAuthority ca;
    private final TransactionTemplate transactions;

    public RevocationList(JdbcClient jdbc, HubCertificateAuthority ca, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ca = ca;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** The CRL to publish: every revoked device certificate with its reason, signed by the hub CA. */
    public X509CRL currentCrl() {
        Published published = read(false);
        if (isStale(published)) {
            published = transactions.execute(status -> {
                Published locked = read(true);
                return isStale(locked) ? publish(locked) : locked;
            });
        }
        return parse(published.der());
    }

    /** Signs and stores a new CRL; called in the transaction of a revocation, after its rows have changed. */
    void republish() {
        publish(read(true));
    }

    private Published read(boolean lock) {
        return jdbc.sql("SELECT crl_number, issuer_key_id, this_update, der FROM hub.certificate_revocation_list WHERE id = 1"
                        + (lock ? " FOR UPDATE" : ""))
                .query((rs, row) -> new Published(rs.getLong("crl_number"), rs.getString("issuer_key_id"),
                        toInstant(rs.getObject("this_update", OffsetDateTime.class)), rs.getBytes("der")))
                .single();
    }

    private boolean isStale(Published published) {
        return published.der() == null
                || !ca.keyIdentifier().equals(published.issuerKeyId())
                || !published.thisUpdate().plus(REFRESH_AFTER).isAfter(ca.now());
    }

    private Published publish(Published previous) {
        // The row lock held since read(true) orders publications: this query sees every revocation committed before.
        List<RevokedCertificate> revoked = jdbc.sql("""
                        SELECT serial, revoked_at, revocation_reason FROM hub.device_certificate
                        WHERE status = 'REVOKED' ORDER BY revoked_at, serial""")
                .query((rs, row) -> new RevokedCertificate(new BigInteger(rs.getString("serial"), 16),
                        rs.getObject("revoked_at", OffsetDateTime.class).toInstant(),
                        RevocationReason.valueOf(rs.getString("revocation_reason"))))
                .list();
        long number = previous.number() + 1;
        Instant thisUpdate = ca.now();
        byte[] der = encode(ca.signCrl(revoked, number, thisUpdate));
        jdbc.sql("""
                        UPDATE hub.certificate_revocation_list
                        SET crl_number = :number, issuer_key_id = :issuer, this_update = :thisUpdate, der = :der
                        WHERE id = 1""")
                .param("number", number)
                .param("issuer", ca.keyIdentifier())
                .param("thisUpdate", OffsetDateTime.ofInstant(thisUpdate, ZoneOffset.UTC))
                .param("der", der)
                .update();
        return new Published(number, ca.keyIdentifier(), thisUpdate, der);
    }

    private static Instant toInstant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static byte[] encode(X509CRL crl) {
        try {
            return crl.getEncoded();
        } catch (CRLException e) {
            throw new IllegalStateException("Cannot encode the CRL", e);
        }
    }

    private static X509CRL parse(byte[] der) {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (CertificateException | CRLException e) {
            throw new IllegalStateException("Stored CRL is unreadable", e);
        }
    }

    private record Published(long number, String issuerKeyId, Instant thisUpdate, byte[] der) {
    }
}
