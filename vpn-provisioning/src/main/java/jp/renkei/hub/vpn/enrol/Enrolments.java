package jp.renkei.hub.vpn.enrol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Set;

import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.pki.IssuedDeviceCertificate;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.vpn.VpnProperties;
import jp.renkei.hub.vpn.site.SiteAccess;
import jp.renkei.hub.vpn.site.Sites;
import jp.renkei.hub.vpn.swanctl.VpnConfigurationChanged;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enrolment of a site's router: an ACTIVE facility's administrator gets a one-time token; the router (or the
 * admin) redeems it with a CSR, or asks for a PKCS#12 bundle, and gets a router certificate from the hub CA.
 * Each redemption is one transaction: any refusal (token, facility, CSR) leaves the token unused and the device
 * registry unchanged.
 */
@Service
public class Enrolments {

    /** The device name of a site's router in the device registry; re-enrolment supersedes its certificate. */
    public static final String ROUTER_DEVICE_NAME = "vpn-router";
    private static final char[] PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EnrolmentTokens tokens;
    private final RouterRenewal renewal;
    private final Sites sites;
    private final FacilityRegistry facilities;
    private final DeviceCertificates devices;
    private final VpnProperties properties;
    private final ApplicationEventPublisher events;

    Enrolments(EnrolmentTokens tokens, RouterRenewal renewal, Sites sites, FacilityRegistry facilities,
               DeviceCertificates devices, VpnProperties properties, ApplicationEventPublisher events) {
        this.tokens = tokens;
        this.renewal = renewal;
        this.sites = sites;
        this.facilities = facilities;
        this.devices = devices;
        this.properties = properties;
        this.events = events;
    }

    /** A new token for the facility's router; the facility must be ACTIVE and have a site record. */
    @Transactional
    public EnrolmentToken newToken(String facilityId, String actorId) {
        sites.find(facilityId).orElseThrow(() -> SiteAccess.notFound(facilityId));
        requireActive(facilityId);
        return tokens.create(facilityId, properties.enrolmentTokenValidity(), actorId, EnrolmentTokens.Purpose.ENROLMENT);
    }

    /** Redeems the token with the router's CSR. */
    @Transactional
    public EnrolmentResult enrol(String token, String csrPem) {
        EnrolmentTokens.Redeemable redeemable = tokens.lock(token);
        if (redeemable.purpose() == EnrolmentTokens.Purpose.RENEWAL) {
            return renewal.renew(redeemable, csrPem);
        }
        String facilityId = redeemable.facilityId();
        requireActive(facilityId);
        String identity = sites.find(facilityId).map(s -> s.ikeIdentity())
                .orElseThrow(() -> ApiException.conflict("施設 " + facilityId + " の VPN サイト情報がありません"));
        IssuedDeviceCertificate issued = devices.issueVpnRouter(facilityId, ROUTER_DEVICE_NAME, identity, csrPem,
                "vpn-enrolment:" + redeemable.hash().substring(0, 12));
        tokens.markUsed(redeemable, issued.serial());
        events.publishEvent(new VpnConfigurationChanged(facilityId));
        return new EnrolmentResult(facilityId, identity, issued.serial(), issued.notAfter(), issued.certificatePem(),
                issued.caCertificatePem(), properties.hubAddress(), properties.hubIdentity());
    }

    /** Redeems the token for a key the hub makes, delivered as PKCS#12 with a one-time password. */
    @Transactional
    public Pkcs12Bundle enrolPkcs12(String token) {
        KeyPair pair = newKeyPair();
        EnrolmentResult result = enrol(token, csr(pair));
        String password = newPassword();
        return new Pkcs12Bundle(result, Base64.getEncoder().encodeToString(pkcs12(pair, result, password)), password);
    }

    private void requireActive(String facilityId) {
        requireActive(facilities, facilityId, "VPN ルーターの登録");
    }

    /** @throws ApiException 404 for an unknown facility, 409 when it is not ACTIVE, naming what it cannot do */
    static void requireActive(FacilityRegistry facilities, String facilityId, String what) {
        Facility facility = facilities.find(facilityId)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "施設 " + facilityId + " は登録されていません"));
        if (facility.status() != FacilityStatus.ACTIVE) {
            throw ApiException.conflict("施設 " + facilityId + " は " + facility.status()
                    + " です。" + what + "は稼働中 (ACTIVE) の施設だけができます");
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is not available in this JVM", e);
        }
    }

    private static String csr(KeyPair pair) {
        try {
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                    new X500Name("CN=vpn-router"), pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(request);
            }
            return pem.toString();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("Cannot make the CSR for the PKCS#12 bundle", e);
        }
    }

    private static byte[] pkcs12(KeyPair pair, EnrolmentResult result, String password) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Certificate router = factory.generateCertificate(new java.io.ByteArrayInputStream(
                    result.certificatePem().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            Certificate ca = factory.generateCertificate(new java.io.ByteArrayInputStream(
                    result.caCertificatePem().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("vpn-router", pair.getPrivate(), password.toCharArray(), new Certificate[]{router, ca});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password.toCharArray());
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build the PKCS#12 bundle", e);
        }
    }

    private static String newPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(PASSWORD_ALPHABET[RANDOM.nextInt(PASSWORD_ALPHABET.length)]);
        }
        return password.toString();
    }
}
