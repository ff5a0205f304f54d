package jp.renkei.hub.app.portal.vpn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.auth.TotpCodes;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.vpn.enrol.Enrolments;
import jp.renkei.hub.vpn.site.IpPrefix;
import jp.renkei.hub.vpn.site.RouterKind;
import jp.renkei.hub.vpn.site.Site;
import jp.renkei.hub.vpn.site.SiteContact;
import jp.renkei.hub.vpn.site.SiteRequest;
import jp.renkei.hub.vpn.site.Sites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The VPN pages over real HTTPS: the clinic's administrator registers its site, is refused an overlapping prefix
 * (the hospital's site named, nothing changed), issues a token shown once, downloads the configuration zip and
 * revokes the router certificate; a form naming the hospital changes only the clinic's own site; the operator sees
 * the site's tunnel; a nurse is refused in Japanese.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VpnPortalIT {

    private static final Pattern MAIN = Pattern.compile("<main[^>]*>(.*)</main>", Pattern.DOTALL);
    private static final Pattern TOKEN = Pattern.compile("id=\"enrolment-token\">([^<]+)<");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    Sites sites;

    private String clinicId;
    private String hospitalId;
    private String operatorFacility;

    @BeforeAll
    void facilities() {
        clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        operatorFacility = context.getBean(FacilityRegistry.class).list(null, FacilityKind.HUB_OPERATOR, null).get(0).id();
    }

    static String randomPrefix() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "172." + r.nextInt(16, 32) + "." + r.nextInt(0, 256) + ".0/24";
    }

    static Map<String, String> form(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    private PortalBrowser loggedIn(TestPeople.Person person) {
        return logIn(port, context, person);
    }

    /** A browser signed in to the portal as the person (password and TOTP). */
    static PortalBrowser logIn(int port, ApplicationContext context, TestPeople.Person person) {
        PortalBrowser browser = PortalBrowser.forHub(port, HubIntegrationTest.HOME);
        Page page = browser.get("/portal/login");
        Page totp = browser.post("/portal/login", form("_csrf", page.csrfToken(), "login", person.login(),
                "password", TestPeople.PASSWORD));
        Page done = browser.post("/portal/login/totp", form("_csrf", totp.csrfToken(), "pendingKey",
                totp.field("pendingKey"), "totp", context.getBean(TotpCodes.class).codeAt(person.totpSecret(),
                        Instant.now())));
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        return browser;
    }

    private PortalBrowser admin(String facilityId) {
        return loggedIn(TestPeople.person(context, facilityId, Profession.FACILITY_ADMIN, true, true));
    }

    private static String main(Page page) {
        Matcher m = MAIN.matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        return m.group(1);
    }

    private static Map<String, String> siteForm(String csrf, String prefixes, String... extra) {
        Map<String, String> f = form("_csrf", csrf, "routerKind", "STRONGSWAN", "publicAddress", "",
                "lanPrefixes", prefixes, "contactName", "連携 太郎", "contactPhone", "03-1234-5678",
                "contactEmail", "net@clinic.example.jp");
        f.putAll(form(extra));
        return f;
    }

    private Site hospitalSite(String prefix) {
        // The demo hospital keeps its loopback prefixes: the DICOM and MLLP tests connect from there.
        return sites.save(hospitalId, new SiteRequest(RouterKind.GENERIC_IKEV2, "vpn.hospital.example.jp",
                List.of(prefix, "127.0.0.1/32", "::1/128"), new SiteContact("病院 情報", "03-0000-0000", "it@hospital.example.jp")), "test");
    }

    @Test
    void theAdministratorRegistersIsRefusedAClashIssuesATokenDownloadsTheConfigurationAndRevokes() throws IOException {
        String hospitalPrefix = randomPrefix();
        Site hospital = hospitalSite(hospitalPrefix);
        PortalBrowser admin = admin(clinicId);

        Page start = admin.get("/portal/facility/people");
        assertThat(start.body()).contains("href=\"/portal/facility/vpn\"");

        Page empty = admin.get("/portal/facility/vpn");
        assertThat(empty.status()).isEqualTo(200);
        String own = randomPrefix();
        while (IpPrefix.parse(own).overlaps(IpPrefix.parse(hospitalPrefix))) {
            own = randomPrefix();
        }
        Page saved = admin.follow(admin.post("/portal/facility/vpn/site", siteForm(empty.csrfToken(), own + "\n")));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(main(saved)).contains("保存しました", own, "NAT の内側", "連携 太郎", clinicId + ".");
        Site clinic = sites.find(clinicId).orElseThrow();
        assertThat(clinic.lanPrefixes()).extracting(IpPrefix::toString).containsExactly(own);
        assertThat(clinic.behindNat()).isTrue();

        // the hospital's prefix: refused with the hospital named, nothing changed
        Page clash = admin.post("/portal/facility/vpn/site", siteForm(saved.csrfToken(), own + "\n" + hospitalPrefix,
                "publicAddress", "203.0.113.7"));
        assertThat(clash.status()).isEqualTo(409);
        assertThat(main(clash)).contains("処理できませんでした", "重なります", hospital.facilityName(), hospitalId,
                hospitalPrefix);
        assertThat(sites.find(clinicId).orElseThrow()).isEqualTo(clinic);
        assertThat(sites.find(hospitalId).orElseThrow()).isEqualTo(hospital);

        // a token, shown once with its expiry and the steps
        Page token = admin.post("/portal/facility/vpn/token", form("_csrf", clash.csrfToken()));
        assertThat(token.status()).isEqualTo(200);
        Matcher m = TOKEN.matcher(token.body());
        assertThat(m.find()).as(token.body()).isTrue();
        String secret = m.group(1);
        assertThat(main(token)).contains("この画面でしか表示されません", "有効期限", "CSR", clinic.ikeIdentity());
        Page again = admin.get("/portal/facility/vpn");
        assertThat(again.body()).doesNotContain(secret);

        // the configuration archive
        PortalBrowser.Bytes zip = admin.getBytes("/portal/facility/vpn/configuration");
        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/zip"));
        Map<String, String> entries = unzip(zip.body());
        assertThat(entries).containsKey("swanctl/swanctl.conf");
        assertThat(entries.get("swanctl/swanctl.conf")).contains(own).contains(clinic.ikeIdentity());

        // revocation: without confirmation refused; with it, the router (enrolled with the token) is revoked
        Page noRouter = admin.post("/portal/facility/vpn/revoke", form("_csrf", again.csrfToken(),
                "reason", "KEY_COMPROMISE", "confirm", "yes"));
        assertThat(noRouter.status()).isEqualTo(409);
        assertThat(main(noRouter)).contains("有効な証明書がありません");
        context.getBean(Enrolments.class).enrolPkcs12(secret);
        Page operatorBefore = loggedIn(TestPeople.person(context, operatorFacility, Profession.HUB_ADMIN, true, true))
                .get("/portal/operator/vpn");
        assertThat(main(operatorBefore)).contains(clinicId, hospitalId);
        Page unconfirmed = admin.post("/portal/facility/vpn/revoke", form("_csrf", again.csrfToken(),
                "reason", "KEY_COMPROMISE"));
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(main(unconfirmed)).contains("チェックを入れてください");
        Page revoked = admin.follow(admin.post("/portal/facility/vpn/revoke", form("_csrf", again.csrfToken(),
                "reason", "KEY_COMPROMISE", "confirm", "yes")));
        assertThat(main(revoked)).contains("失効させました");
        Page twice = admin.post("/portal/facility/vpn/revoke", form("_csrf", revoked.csrfToken(),
                "reason", "KEY_COMPROMISE", "confirm", "yes"));
        assertThat(twice.status()).isEqualTo(409);
    }

    @Test
    void aFormNamingAnotherFacilityChangesOnlyTheActingFacilityAndNeverShowsTheOther() throws IOException {
        String hospitalPrefix = randomPrefix();
        Site hospital = hospitalSite(hospitalPrefix);
        PortalBrowser admin = admin(clinicId);
        Page page = admin.get("/portal/facility/vpn?facilityId=" + hospitalId);
        assertThat(main(page)).doesNotContain(hospitalId, hospitalPrefix, "it@hospital.example.jp");
        String own = randomPrefix();
        while (IpPrefix.parse(own).overlaps(IpPrefix.parse(hospitalPrefix))) {
            own = randomPrefix();
        }
        Page saved = admin.follow(admin.post("/portal/facility/vpn/site?facilityId=" + hospitalId,
                siteForm(page.csrfToken(), own, "facilityId", hospitalId)));
        assertThat(main(saved)).contains(own).doesNotContain(hospitalPrefix);
        assertThat(sites.find(hospitalId).orElseThrow()).isEqualTo(hospital);
        assertThat(sites.find(clinicId).orElseThrow().lanPrefixes()).extracting(IpPrefix::toString).containsExactly(own);

        PortalBrowser.Bytes zip = admin.getBytes("/portal/facility/vpn/configuration?facilityId=" + hospitalId);
        assertThat(zip.status()).isEqualTo(200);
        assertThat(unzip(zip.body()).get("swanctl/swanctl.conf")).contains(own).doesNotContain(hospitalPrefix, hospitalId);

        // the hospital's own administrator sees the hospital's site, not the clinic's
        Page hospitalPage = admin(hospitalId).get("/portal/facility/vpn?facilityId=" + clinicId);
        assertThat(main(hospitalPage)).contains(hospitalPrefix).doesNotContain(own, clinicId);
    }

    @Test
    void theOperatorSeesEverySiteAndANurseIsRefusedInJapanese() {
        String prefix = randomPrefix();
        hospitalSite(prefix);
        PortalBrowser operator = loggedIn(TestPeople.person(context, operatorFacility, Profession.HUB_ADMIN, true, true));
        Page start = operator.get("/portal/operator/facilities");
        assertThat(start.body()).contains("href=\"/portal/operator/vpn\"");
        Page page = operator.get("/portal/operator/vpn");
        assertThat(page.status()).isEqualTo(200);
        assertThat(main(page)).contains("すべての VPN サイト", hospitalId, "<th scope=\"col\"", "証明書の有効期限")
                .containsAnyOf("未設定", "切断", "接続中", "接続処理中");

        PortalBrowser nurse = loggedIn(TestPeople.person(context, clinicId, Profession.NURSE, false, true));
        for (String path : List.of("/portal/facility/vpn", "/portal/operator/vpn", "/portal/facility/vpn/configuration")) {
            Page refused = nurse.get(path);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.body()).contains("この操作はできません").doesNotContain(hospitalId);
        }
        Page clinicAdminOnOperator = admin(clinicId).get("/portal/operator/vpn");
        assertThat(clinicAdminOnOperator.status()).isEqualTo(403);
        assertThat(clinicAdminOnOperator.body()).doesNotContain(hospitalId);
    }

    @Test
    void theHospitalAdministratorAddsAndRemovesADicomNodeAndAnotherFacilityCannotTouchIt() {
        hospitalSite(randomPrefix());
        PortalBrowser admin = admin(hospitalId);
        Page page = admin.get("/portal/facility/vpn");
        assertThat(main(page)).contains("DICOM ノード", "<label for=\"nodeHost\"");

        Page outside = admin.post("/portal/facility/vpn/dicom-nodes", form("_csrf", page.csrfToken(),
                "aeTitle", "PORTAL_WS", "host", "10.99.1.5", "port", "104", "accepts", "STORE_DESTINATION"));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(main(outside)).contains("「10.99.1.5」はサイトの LAN プレフィックス", "の外です")
                .contains("value=\"PORTAL_WS\""); // what was typed is kept
        assertThat(sites.find(hospitalId).orElseThrow().dicomNodes()).noneMatch(n -> n.aeTitle().equals("PORTAL_WS"));

        // Two checkboxes ticked: the same field twice.
        String body = "_csrf=" + URLEncoder.encode(page.csrfToken(), StandardCharsets.UTF_8)
                + "&aeTitle=PORTAL_WS&host=%3A%3A1&port=11112&accepts=STORE_DESTINATION&accepts=QUERY_RETRIEVE";
        Page added = admin.follow(admin.post("/portal/facility/vpn/dicom-nodes", "application/x-www-form-urlencoded",
                body.getBytes(StandardCharsets.US_ASCII)));
        assertThat(main(added)).contains("DICOM ノードを追加しました", "PORTAL_WS", "<th scope=\"col\"");
        assertThat(sites.find(hospitalId).orElseThrow().dicomNodes()).anySatisfy(n -> {
            assertThat(n.aeTitle()).isEqualTo("PORTAL_WS");
            assertThat(n.host()).isEqualTo("::1");
            assertThat(n.port()).isEqualTo(11112);
            assertThat(n.accepts()).hasSize(2);
        });

        // The clinic's administrator, naming the hospital's node, acts only on the clinic's own site.
        PortalBrowser clinicAdmin = admin(clinicId);
        Page clinicPage = clinicAdmin.get("/portal/facility/vpn");
        assertThat(main(clinicPage)).doesNotContain("PORTAL_WS");
        clinicAdmin.post("/portal/facility/vpn/dicom-nodes/remove?facilityId=" + hospitalId,
                form("_csrf", clinicPage.csrfToken(), "aeTitle", "PORTAL_WS", "facilityId", hospitalId));
        assertThat(sites.find(hospitalId).orElseThrow().dicomNodes()).anyMatch(n -> n.aeTitle().equals("PORTAL_WS"));

        Page removed = admin.follow(admin.post("/portal/facility/vpn/dicom-nodes/remove",
                form("_csrf", added.csrfToken(), "aeTitle", "PORTAL_WS")));
        assertThat(main(removed)).contains("DICOM ノードを削除しました").doesNotContain("PORTAL_WS");
        assertThat(sites.find(hospitalId).orElseThrow().dicomNodes()).noneMatch(n -> n.aeTitle().equals("PORTAL_WS"));
    }

    private static Map<String, String> unzip(byte[] bytes) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
