package jp.renkei.hub.app.portal.vpn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.RawHubHttp;
import jp.renkei.hub.app.support.TestPaths;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.facility.AeTitle;
import jp.renkei.hub.core.facility.FacilityApplication;
import jp.renkei.hub.core.facility.FacilityContact;
import jp.renkei.hub.core.facility.FacilityDetails;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.facility.MedicalInstitutionCode;
import jp.renkei.hub.core.facility.PostalAddress;
import jp.renkei.hub.core.notice.OperatorNotices;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.pki.DeviceKind;
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.DicomWriter;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.file.HubUids;
import jp.renkei.hub.dicom.store.InstanceStore;
import jp.renkei.hub.gateway.ingest.IngestResult;
import jp.renkei.hub.gateway.ss2.Hl7MessageIngest;
import jp.renkei.hub.vpn.enrol.EnrolmentResult;
import jp.renkei.hub.vpn.enrol.Enrolments;
import jp.renkei.hub.vpn.expiry.ExpiryWatch;
import jp.renkei.hub.vpn.site.RouterKind;
import jp.renkei.hub.vpn.site.SiteContact;
import jp.renkei.hub.vpn.site.SiteRequest;
import jp.renkei.hub.vpn.site.Sites;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A site's status over real HTTPS: the onboarding checklist (router certificate, tunnel, gateway certificate, AE
 * title) with its next steps in Japanese on the facility and operator pages and in the REST status; the last data
 * that really arrived by ingest (an SS-MIX2 HL7 message) and DICOM (an instance stored by dicom-bridge); a
 * certificate due for renewal flagged to the operator, warned once by the expiry watch, renewed from a CSR in the
 * portal and switched; another facility's administrator sees and renews nothing of it (the 404 of an absent site).
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VpnStatusPortalIT {

    private static final Pattern MAIN = Pattern.compile("<main[^>]*>(.*)</main>", Pattern.DOTALL);
    private static final Path HL7_MESSAGE = Path.of(TestPaths.SHARED, "testdata/ssmix2/sampleData/999/901/9999013/-/"
            + "ADT-00/9999013_-_ADT-00_999999999999999_20111220224447339_-_1");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    Sites sites;
    @Autowired
    FacilityRegistry registry;
    @Autowired
    DeviceCertificates devices;
    @Autowired
    Enrolments enrolments;
    @Autowired
    JdbcClient jdbc;

    private String facility;
    private String facilityName;

    /** A new ACTIVE clinic with an AE title and a site of its own (each test starts from nothing). */
    @BeforeEach
    void newSite() {
        int n = ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        facilityName = "VPN状況クリニック" + n;
        String ae = "VST" + n;
        facility = registry.apply(new FacilityApplication(FacilityKind.CLINIC, new MedicalInstitutionCode("071" + n),
                new FacilityDetails(facilityName, "ブイピーエヌクリニック", new PostalAddress("960-8031", "福島県", "福島市",
                        "栄町9-9"), "県北", new FacilityContact("024-000-0099", null), List.of(new AeTitle(ae)))),
                "vpn-status-it").id();
        registry.changeStatus(facility, FacilityStatus.APPROVED, null, "vpn-status-it");
        registry.changeStatus(facility, FacilityStatus.ACTIVE, null, "vpn-status-it");
        sites.save(facility, new SiteRequest(RouterKind.STRONGSWAN, null, List.of("10.199." + (n % 250) + "."
                + (n / 250 % 64 * 4) + "/30"), new SiteContact("連携 次郎", "024-000-0098", "net@vst.example.jp")),
                "vpn-status-it");
    }

    @Test
    void theChecklistFollowsTheOnboardingAndShowsTheLastDataThatArrived() throws Exception {
        PortalBrowser admin = admin(facility);
        String before = main(admin.get("/portal/facility/vpn"));
        assertThat(before).contains("接続の準備状況", "まだ稼働していません", "登録用トークンを発行し",
                "ゲートウェイ (種類 GATEWAY) を登録", "まだありません", "<th scope=\"row\">DICOM AE タイトル</th>");
        assertThat(checklistRow(before, "DICOM AE タイトル")).contains("✓");
        assertThat(checklistRow(before, "ルーター証明書")).contains("✗");

        enrolments.enrol(enrolments.newToken(facility, "vpn-status-it").token(), csr());
        devices.issue(facility, "gw-vst", DeviceKind.GATEWAY, csr(), "vpn-status-it");
        IngestResult ingested = context.getBean(Hl7MessageIngest.class).receive(facility, Files.readAllBytes(HL7_MESSAGE));
        assertThat(ingested.status()).as(ingested.reason()).isEqualTo(IngestResult.Status.STORED);
        InstanceStore.Outcome stored = storeInstance();
        assertThat(stored.stored()).as(stored.comment()).isTrue();
        String today = LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();

        String after = main(admin.get("/portal/facility/vpn"));
        assertThat(checklistRow(after, "ルーター証明書")).contains("✓");
        assertThat(checklistRow(after, "ゲートウェイのクライアント証明書")).contains("✓");
        assertThat(checklistRow(after, "DICOM AE タイトル")).contains("✓");
        // the hub's strongSwan is not loaded in tests: the tunnel is down, so the site is not live yet
        assertThat(checklistRow(after, "トンネル")).contains("✗", "ルーターの電源と回線");
        assertThat(after).contains("まだ稼働していません");
        assertThat(between(after, "id=\"vpn-last-ingest\">", "<")).startsWith(today);
        assertThat(between(after, "id=\"vpn-last-dicom\">", "<")).startsWith(today);

        String row = siteRow(main(operator().get("/portal/operator/vpn")));
        assertThat(row).contains(facilityName, "まだ稼働していません", "✗", "トンネル", "ルーターの電源と回線",
                "診療データ: " + today, "画像: " + today, "ルーター: 有効期限");

        RawHubHttp.Exchange rest = api(facility).get("/api/vpn/sites/" + facility + "/status");
        assertThat(rest.status()).isEqualTo(200);
        assertThat(rest.body()).contains("\"live\":false", "\"check\":\"TUNNEL\"", "\"check\":\"DICOM_AE_TITLE\"",
                "\"lastIngestAt\":\"" + today.substring(0, 4), "\"lastDicomAt\":\"", "\"nextStep\":\"トンネルが確立していません");
    }

    @Test
    void aCertificateDueForRenewalIsFlaggedWarnedOnceRenewedInThePortalAndSwitched() {
        EnrolmentResult router = enrolments.enrol(enrolments.newToken(facility, "vpn-status-it").token(), csr());
        PortalBrowser admin = admin(facility);
        String valid = main(admin.get("/portal/facility/vpn"));
        assertThat(valid).doesNotContain("id=\"vpn-renewal\"");
        Page notDue = admin.post("/portal/facility/vpn/renewal-token", form("_csrf", admin.get("/portal/facility/vpn")
                .csrfToken()));
        assertThat(notDue.status()).isEqualTo(409);
        assertThat(main(notDue)).contains("30 日前から");

        // The CA issues 397-day certificates and a test cannot wait: the registry's end date, which is all that
        // expiry tracking reads, is moved to 10 days from now.
        jdbc.sql("UPDATE hub.device_certificate SET not_after = now() + interval '10 days' WHERE serial = :serial")
                .param("serial", router.serial()).update();
        Page due = admin.get("/portal/facility/vpn");
        assertThat(main(due)).contains("id=\"vpn-renewal\"", "更新してください (30 日以内に期限切れ)",
                "更新用トークンを発行する");
        // the hub's own schedule may run the watch at any moment too: either way there is exactly one notice
        context.getBean(ExpiryWatch.class).run();
        assertThat(context.getBean(OperatorNotices.class).ofFacility(ExpiryWatch.TOPIC, facility)).singleElement()
                .satisfies(n -> assertThat(n.message()).contains(facilityName, router.serial(), "30 日以内"));
        assertThat(context.getBean(ExpiryWatch.class).run()).noneMatch(n -> facility.equals(n.facilityId()));
        assertThat(jdbc.sql("SELECT count(*) FROM hub.audit_event WHERE actor_id = 'system:vpn-expiry-watch'"
                + " AND facility_id = :facility").param("facility", facility).query(Integer.class).single()).isEqualTo(1);

        PortalBrowser operator = operator();
        Page list = operator.get("/portal/operator/vpn");
        assertThat(main(list)).contains("対応が必要なお知らせ", facilityName + " (" + facility + ") のVPN ルーター証明書");
        assertThat(siteRow(main(list))).contains("vpn-attention", "更新してください (30 日以内に期限切れ)");
        String noticeId = between(main(list).substring(main(list).indexOf(router.serial())), "/portal/operator/vpn/notices/",
                "/acknowledge");
        Page acknowledged = operator.follow(operator.post("/portal/operator/vpn/notices/" + noticeId + "/acknowledge",
                form("_csrf", list.csrfToken())));
        assertThat(main(acknowledged)).doesNotContain(noticeId);

        // renewal from a CSR pasted into the page: a broken one is refused in Japanese and changes nothing
        Page broken = admin.post("/portal/facility/vpn/renewal", form("_csrf", due.csrfToken(), "csrPem", "壊れた CSR"));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(main(broken)).contains("処理できませんでした", "壊れた CSR");
        Page renewed = admin.post("/portal/facility/vpn/renewal", form("_csrf", due.csrfToken(), "csrPem", csr()));
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(main(renewed)).contains("ルーター証明書を更新しました", "BEGIN CERTIFICATE", "router.crt",
                router.serial());
        Page switching = admin.get("/portal/facility/vpn");
        assertThat(main(switching)).contains("id=\"vpn-switch\"", router.serial()).doesNotContain("id=\"vpn-renewal\"");
        Page switched = admin.follow(admin.post("/portal/facility/vpn/renewal/complete", form("_csrf",
                switching.csrfToken())));
        assertThat(main(switched)).contains("以前のルーター証明書を失効させました").doesNotContain("id=\"vpn-switch\"");
        Page again = admin.post("/portal/facility/vpn/renewal/complete", form("_csrf", switched.csrfToken()));
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void anotherFacilitysAdministratorCannotSeeOrRenewTheSite() {
        enrolments.enrol(enrolments.newToken(facility, "vpn-status-it").token(), csr());
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        RawHubHttp intruder = api(hospital);
        String missing = UUID.randomUUID().toString();
        RawHubHttp.Exchange hidden = intruder.get("/api/vpn/sites/" + facility + "/status");
        RawHubHttp.Exchange absent = intruder.get("/api/vpn/sites/" + missing + "/status");
        assertThat(hidden.status()).isEqualTo(404).isEqualTo(absent.status());
        assertThat(hidden.body().replace(facility, "X")).isEqualTo(absent.body().replace(missing, "X"));
        for (String path : List.of("/renewal-tokens", "/router/renewal", "/router/renewal/complete")) {
            RawHubHttp.Exchange renewal = intruder.postApi("/api/vpn/sites/" + facility + path, "{\"csrPem\":\"x\"}");
            RawHubHttp.Exchange none = intruder.postApi("/api/vpn/sites/" + missing + path, "{\"csrPem\":\"x\"}");
            assertThat(renewal.status()).as(path).isEqualTo(404).isEqualTo(none.status());
            assertThat(renewal.body().replace(facility, "X")).as(path).isEqualTo(none.body().replace(missing, "X"));
        }

        // the portal always acts on the acting facility: naming the clinic shows and changes nothing of it
        PortalBrowser other = admin(hospital);
        Page page = other.get("/portal/facility/vpn?facilityId=" + facility);
        assertThat(page.body()).doesNotContain(facility, facilityName);
        Page complete = other.post("/portal/facility/vpn/renewal/complete?facilityId=" + facility,
                form("_csrf", page.csrfToken(), "facilityId", facility));
        assertThat(complete.body()).doesNotContain(facility, facilityName);
        assertThat(api(facility).get("/api/vpn/sites/" + facility + "/status").body())
                .contains("\"retiringRouterCertificates\":[]");
    }

    private InstanceStore.Outcome storeInstance() throws Exception {
        String sop = HubUids.random();
        DataSet set = new DataSet();
        set.setStrings(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.7");
        set.setStrings(Tag.SOP_INSTANCE_UID, Vr.UI, sop);
        set.setStrings(Tag.STUDY_INSTANCE_UID, Vr.UI, HubUids.random());
        set.setStrings(Tag.SERIES_INSTANCE_UID, Vr.UI, HubUids.random());
        set.setStrings(Tag.PATIENT_ID, Vr.LO, "VST-" + UUID.randomUUID().toString().substring(0, 8));
        set.setStrings(Tag.PATIENT_NAME, Vr.PN, "VPN^TARO");
        set.setStrings(Tag.STUDY_DATE, Vr.DA, "20261201");
        set.setStrings(Tag.MODALITY, Vr.CS, "OT");
        set.setInt(Tag.SAMPLES_PER_PIXEL, Vr.US, 1);
        set.setStrings(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2");
        set.setInt(Tag.ROWS, Vr.US, 2);
        set.setInt(Tag.COLUMNS, Vr.US, 2);
        set.setInt(Tag.BITS_ALLOCATED, Vr.US, 8);
        set.setInt(Tag.BITS_STORED, Vr.US, 8);
        set.setInt(Tag.HIGH_BIT, Vr.US, 7);
        set.setInt(Tag.PIXEL_REPRESENTATION, Vr.US, 0);
        set.setBytes(Tag.PIXEL_DATA, Vr.OB, new byte[]{0, 64, (byte) 128, (byte) 255});
        return context.getBean(InstanceStore.class).store(new InstanceStore.Sender(facility, "VPN-STATUS-IT"),
                "1.2.840.10008.5.1.4.1.1.7", sop, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                new ByteArrayInputStream(DicomWriter.encode(set, true)));
    }

    private PortalBrowser admin(String facilityId) {
        return loggedIn(TestPeople.person(context, facilityId, Profession.FACILITY_ADMIN, true, true));
    }

    private PortalBrowser operator() {
        String operatorFacility = registry.list(null, FacilityKind.HUB_OPERATOR, null).get(0).id();
        return loggedIn(TestPeople.person(context, operatorFacility, Profession.HUB_ADMIN, true, true));
    }

    private RawHubHttp api(String facilityId) {
        return RawHubHttp.forPerson("admin", port, HubIntegrationTest.HOME,
                TestPeople.loggedIn(context, facilityId, Profession.FACILITY_ADMIN, true));
    }

    private PortalBrowser loggedIn(TestPeople.Person person) {
        return VpnPortalIT.logIn(port, context, person);
    }

    private static Map<String, String> form(String... pairs) {
        return VpnPortalIT.form(pairs);
    }

    private static String main(Page page) {
        Matcher m = MAIN.matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        return m.group(1);
    }

    /** The checklist table row of the item (facility page). */
    private static String checklistRow(String main, String item) {
        String table = between(main, "id=\"vpn-checklist\"", "</table>");
        return between(table, "<th scope=\"row\">" + item + "</th>", "</tr>");
    }

    /** The operator table row of this test's site. */
    private String siteRow(String main) {
        return between(main, "id=\"vpn-site-" + facility + "\"", "</tr>");
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("'" + start + "' in " + text).isNotNegative();
        from += start.length();
        int to = text.indexOf(end, from);
        assertThat(to).as("'" + end + "' after '" + start + "'").isNotNegative();
        return text.substring(from, to);
    }

    private static String csr() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            var request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=router"), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(request);
            }
            return pem.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
