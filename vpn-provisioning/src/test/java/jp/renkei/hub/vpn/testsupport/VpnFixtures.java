package jp.renkei.hub.vpn.testsupport;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jp.renkei.hub.core.facility.FacilityApplication;
import jp.renkei.hub.core.facility.FacilityContact;
import jp.renkei.hub.core.facility.FacilityDetails;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.facility.MedicalInstitutionCode;
import jp.renkei.hub.core.facility.PostalAddress;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.vpn.site.RouterKind;
import jp.renkei.hub.vpn.site.SiteContact;
import jp.renkei.hub.vpn.site.SiteRequest;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Facilities, principals, site requests, keys and CSRs for the VPN tests; prefixes and codes never repeat. */
public final class VpnFixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(7_000_000);
    private static final AtomicInteger SUBNET = new AtomicInteger(0);

    private VpnFixtures() {
    }

    public static String activeFacility(FacilityRegistry registry) {
        String id = appliedFacility(registry);
        registry.changeStatus(id, FacilityStatus.APPROVED, "test", "test");
        registry.changeStatus(id, FacilityStatus.ACTIVE, "test", "test");
        return id;
    }

    public static String approvedFacility(FacilityRegistry registry) {
        String id = appliedFacility(registry);
        registry.changeStatus(id, FacilityStatus.APPROVED, "test", "test");
        return id;
    }

    public static String appliedFacility(FacilityRegistry registry) {
        int n = SEQUENCE.incrementAndGet();
        FacilityDetails details = new FacilityDetails("テスト診療所" + n, "テスト　シンリョウジョ",
                new PostalAddress("960-8001", "福島県", "福島市", "大町1-1"), "県北",
                new FacilityContact("024-000-0001", "hospital" + n + "@example.jp"), List.of());
        return registry.apply(new FacilityApplication(FacilityKind.CLINIC,
                new MedicalInstitutionCode(String.format("071%07d", n)), details), "test").id();
    }

    public static HubPrincipal admin(String facilityId) {
        return new HubPrincipal(HubPrincipal.Kind.PERSON, "admin-of-" + facilityId, "施設 管理者", facilityId,
                Set.of(HubRole.FACILITY_ADMIN));
    }

    public static HubPrincipal operator() {
        return new HubPrincipal(HubPrincipal.Kind.PERSON, "operator-1", "ハブ 運用者", "hub",
                Set.of(HubRole.HUB_ADMIN, HubRole.FACILITY_ADMIN));
    }

    /** A second /24 and /64 that no other test site uses: 10.100.n.0/24 and fd00:100:n::/64. */
    public static List<String> freshPrefixes() {
        int n = SUBNET.incrementAndGet();
        return List.of("10.100." + n + ".0/24", "fd00:100:" + Integer.toHexString(n) + "::/64");
    }

    public static SiteRequest site(List<String> prefixes) {
        return new SiteRequest(RouterKind.STRONGSWAN, "203.0.113.10", prefixes,
                new SiteContact("情報システム課 山田", "024-000-0002", "it@example.jp"));
    }

    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String csr(KeyPair keys) {
        try {
            String algorithm = keys.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            var request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=router"), keys.getPublic())
                    .build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate()));
            return pem(request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            // keys as PKCS#8, the form the hub's own files use and strongSwan's pkcs8 plugin reads
            writer.writeObject(object instanceof java.security.PrivateKey key
                    ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null) : object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
