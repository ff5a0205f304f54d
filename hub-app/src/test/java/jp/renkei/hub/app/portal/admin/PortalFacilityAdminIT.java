package jp.renkei.hub.app.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.security.auth.x500.X500Principal;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.auth.LoginRequest;
import jp.renkei.hub.core.auth.LoginResult;
import jp.renkei.hub.core.auth.LoginService;
import jp.renkei.hub.core.auth.TotpCodes;
import jp.renkei.hub.core.person.Person;
import jp.renkei.hub.core.person.PersonStatus;
import jp.renkei.hub.core.person.PersonStore;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.pki.Device;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.pki.DeviceKind;
import jp.renkei.hub.core.pki.IssuedDeviceCertificate;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Facility administration in the portal over real HTTPS, as the clinic's administrator: people (invite, the
 * activation code handed over and used, unlock, two-factor reset, administrator flag, retirement), device
 * certificates (CSR upload, PEM download issued by the hub CA, revocation) and the facility's own audit trail.
 * Every URL with an ID is tried with the hospital's (foreign) ID and an absent one: the same "見つかりません".
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalFacilityAdminIT {

    private static final Pattern MAIN = Pattern.compile("<main[^>]*>(.*)</main>", Pattern.DOTALL);

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    private String clinicId;
    private String hospitalId;

    @BeforeAll
    void facilities() {
        clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
    }

    static Map<String, String> form(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    private PortalBrowser browser() {
        return PortalBrowser.forHub(port, HubIntegrationTest.HOME);
    }

    /** A new administrator of the facility, logged in (password, then the two-factor code). */
    private PortalBrowser admin(String facilityId) {
        return loggedIn(TestPeople.person(context, facilityId, Profession.FACILITY_ADMIN, true, true));
    }

    private PortalBrowser loggedIn(TestPeople.Person person) {
        PortalBrowser browser = browser();
        Page totp = password(browser, person.login(), TestPeople.PASSWORD);
        if (person.totpSecret() != null) {
            Page done = browser.post("/portal/login/totp", form("_csrf", totp.csrfToken(), "pendingKey",
                    totp.field("pendingKey"), "totp", context.getBean(TotpCodes.class).codeAt(person.totpSecret(),
                            Instant.now())));
            assertThat(done.status()).as(done.body()).isEqualTo(302);
        } else {
            assertThat(totp.status()).as(totp.body()).isEqualTo(302);
        }
        return browser;
    }

    private static Page password(PortalBrowser browser, String login, String password) {
        Page page = browser.get("/portal/login");
        return browser.post("/portal/login", form("_csrf", page.csrfToken(), "login", login, "password", password));
    }

    private Person person(String id) {
        return context.getBean(PersonStore.class).byId(id).orElseThrow();
    }

    private static String main(Page page) {
        Matcher m = MAIN.matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        return m.group(1);
    }

    /** The same status and page for another facility's ID and an absent one. */
    private static void assertNotFound(Page foreign, Page absent) {
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(absent.status()).isEqualTo(404);
        assertThat(main(foreign)).contains("見つかりません").isEqualTo(main(absent));
    }

    @Test
    void anAdministratorInvitesAPersonWhoActivatesWithTheShownCodeAndLogsIn() {
        PortalBrowser admin = admin(clinicId);
        Page list = admin.get("/portal/facility/people");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("この施設の職員", "<th scope=\"col\"", "施設管理者");

        Page invite = admin.get("/portal/facility/people/invite");
        String login = "inv-" + UUID.randomUUID().toString().substring(0, 8);
        Page bad = admin.post("/portal/facility/people/invite", form("_csrf", invite.csrfToken(), "displayName",
                "招待 花子", "nameKana", "しょうたい", "login", "a b", "email", "not-mail", "profession", "NURSE"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("全角カタカナ", "ログインIDは3〜64文字", "メールアドレスの形式");
        Page invited = admin.post("/portal/facility/people/invite", form("_csrf", bad.csrfToken(), "displayName",
                "招待 花子", "nameKana", "ショウタイ ハナコ", "login", login, "email", login + "@example.jp",
                "profession", "CLERK"));
        assertThat(invited.status()).as(invited.body()).isEqualTo(200);
        Matcher code = Pattern.compile("<code id=\"activation-code\">([A-Z0-9-]+)</code>").matcher(invited.body());
        assertThat(code.find()).isTrue();
        Page taken = admin.post("/portal/facility/people/invite", form("_csrf", invited.csrfToken(), "displayName",
                "招待 花子", "login", login, "email", "other-" + login + "@example.jp", "profession", "CLERK"));
        assertThat(taken.body()).contains("すでにほかの方が使っています");
        assertThat(admin.get("/portal/facility/people").body()).contains(login, "招待中");

        PortalBrowser person = browser();
        Page activation = person.get("/portal/login/activate");
        Page activated = person.post("/portal/login/activate", form("_csrf", activation.csrfToken(), "login", login,
                "code", code.group(1), "password", "Aozora-hiroba-2027", "repeatPassword", "Aozora-hiroba-2027"));
        assertThat(activated.body()).contains("アカウントが有効になりました");
        assertThat(password(person, login, "Aozora-hiroba-2027").status()).isEqualTo(302);
        assertThat(admin.get("/portal/facility/people").body()).contains(login, "有効");
    }

    @Test
    void unlockResetAdministrationAndRetireChangeThePersonAndOnlyOfTheOwnFacility() {
        PortalBrowser admin = admin(clinicId);
        TestPeople.Person nurse = TestPeople.person(context, clinicId, Profession.NURSE, false, true);
        TestPeople.Person foreign = TestPeople.person(context, hospitalId, Profession.NURSE, false, true);
        String absent = UUID.randomUUID().toString();

        // foreign and absent: the same page for every URL, and nothing changes
        assertNotFound(admin.get("/portal/facility/people/" + foreign.id()), admin.get("/portal/facility/people/" + absent));
        assertThat(admin.get("/portal/facility/people/not-an-id").status()).isEqualTo(404);
        context.getBean(PersonStore.class).setStatus(foreign.id(), PersonStatus.LOCKED);
        Page page = admin.get("/portal/facility/people");
        for (String action : List.of("unlock", "two-factor/reset", "retire", "admin")) {
            Page f = admin.post("/portal/facility/people/" + foreign.id() + "/" + action,
                    form("_csrf", page.csrfToken(), "admin", "true"));
            Page a = admin.post("/portal/facility/people/" + absent + "/" + action,
                    form("_csrf", page.csrfToken(), "admin", "true"));
            assertNotFound(f, a);
        }
        Person untouched = person(foreign.id());
        assertThat(untouched.status()).isEqualTo(PersonStatus.LOCKED);
        assertThat(untouched.twoFactorEnrolled()).isTrue();
        assertThat(context.getBean(PersonStore.class).memberships(foreign.id()))
                .singleElement().satisfies(m -> assertThat(m.admin()).isFalse());

        // unlock
        context.getBean(PersonStore.class).setStatus(nurse.id(), PersonStatus.LOCKED);
        Page locked = admin.get("/portal/facility/people/" + nurse.id());
        assertThat(locked.body()).contains("ロック中", "ロックを解除する");
        Page unlocked = admin.follow(admin.post("/portal/facility/people/" + nurse.id() + "/unlock",
                form("_csrf", locked.csrfToken())));
        assertThat(unlocked.body()).contains("ロックを解除しました");
        assertThat(person(nurse.id()).status()).isEqualTo(PersonStatus.ACTIVE);
        Page again = admin.post("/portal/facility/people/" + nurse.id() + "/unlock", form("_csrf", unlocked.csrfToken()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("この操作はできません");

        // administrator flag, granted and withdrawn
        Page granted = admin.follow(admin.post("/portal/facility/people/" + nurse.id() + "/admin",
                form("_csrf", unlocked.csrfToken(), "admin", "true")));
        assertThat(granted.body()).contains("この施設の管理者にしました");
        assertThat(context.getBean(PersonStore.class).memberships(nurse.id())).singleElement()
                .satisfies(m -> assertThat(m.admin()).isTrue());
        admin.post("/portal/facility/people/" + nurse.id() + "/admin", form("_csrf", granted.csrfToken(), "admin", "false"));
        assertThat(context.getBean(PersonStore.class).memberships(nurse.id())).singleElement()
                .satisfies(m -> assertThat(m.admin()).isFalse());

        // two-factor reset: the next login goes to the enrolment
        Page reset = admin.follow(admin.post("/portal/facility/people/" + nurse.id() + "/two-factor/reset",
                form("_csrf", granted.csrfToken())));
        assertThat(reset.body()).contains("二要素認証をリセットしました");
        assertThat(person(nurse.id()).twoFactorEnrolled()).isFalse();
        Page enrolment = password(browser(), nurse.login(), TestPeople.PASSWORD);
        assertThat(enrolment.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/portal/account/two-factor"));

        // retire: gone from the list, and the login fails
        Page retired = admin.post("/portal/facility/people/" + nurse.id() + "/retire", form("_csrf", reset.csrfToken()));
        assertThat(retired.status()).isEqualTo(302);
        Page list = admin.follow(retired);
        assertThat(list.body()).contains("この施設から外しました").doesNotContain(nurse.login());
        assertThat(person(nurse.id()).status()).isEqualTo(PersonStatus.RETIRED);
        assertThat(password(browser(), nurse.login(), TestPeople.PASSWORD).body()).contains("ログインできませんでした");
        assertNotFound(admin.get("/portal/facility/people/" + nurse.id()), admin.get("/portal/facility/people/" + absent));
    }

    @Test
    void onlyFacilityAdministratorsOpenFacilityAdministration() {
        PortalBrowser clerk = loggedIn(TestPeople.person(context, clinicId, Profession.CLERK, false, false));
        Page refused = clerk.get("/portal/facility/people");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("この施設の職員");
    }

    @Test
    void aCsrUploadGivesAHubCaCertificateThatIsDownloadedAndRevoked() throws Exception {
        PortalBrowser admin = admin(clinicId);
        Page devices = admin.get("/portal/facility/devices");
        assertThat(devices.status()).isEqualTo(200);
        assertThat(devices.body()).contains("証明書を発行する", "enctype=\"multipart/form-data\"");

        String name = "gateway-" + UUID.randomUUID().toString().substring(0, 6);
        Page issued = admin.postMultipart("/portal/facility/devices", form("_csrf", devices.csrfToken(),
                "name", name, "kind", "GATEWAY", "csrText", ""), "csrFile", "gateway.csr",
                csr().getBytes(StandardCharsets.US_ASCII));
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(issued.body()).contains("証明書を発行しました");
        Device device = context.getBean(DeviceCertificates.class).list(clinicId).stream()
                .filter(d -> d.name().equals(name)).findFirst().orElseThrow();

        Page download = admin.get("/portal/facility/devices/" + device.deviceId() + "/certificate");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains("attachment"));
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(download.body().getBytes(StandardCharsets.US_ASCII)));
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(HubIntegrationTest.HOME.resolve("pki/ca.crt")));
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        certificate.verify(ca.getPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName()).contains("O=" + clinicId);

        // pasted PEM works too (renews the certificate of the same device)
        Page pasted = admin.post("/portal/facility/devices", form("_csrf", issued.csrfToken(), "name", name,
                "kind", "GATEWAY", "csrText", csr()));
        assertThat(pasted.status()).as(pasted.body()).isEqualTo(200);
        Page garbage = admin.post("/portal/facility/devices", form("_csrf", pasted.csrfToken(), "name", name,
                "kind", "GATEWAY", "csrText", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----"));
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body()).contains("CSRを読み取れないか");

        Page detail = admin.get("/portal/facility/devices/" + device.deviceId());
        assertThat(detail.body()).contains(name, "失効させる");
        Page revoked = admin.post("/portal/facility/devices/" + device.deviceId() + "/revoke",
                form("_csrf", detail.csrfToken(), "reason", "KEY_COMPROMISE"));
        assertThat(revoked.status()).isEqualTo(302);
        Page list = admin.follow(revoked);
        assertThat(list.body()).contains("証明書を失効させました", name, "失効");
        assertThat(context.getBean(DeviceCertificates.class).list(clinicId).stream()
                .filter(d -> d.deviceId().equals(device.deviceId())).findFirst().orElseThrow().status())
                .isEqualTo(Device.Status.REVOKED);
        assertThat(admin.get("/portal/facility/devices/" + device.deviceId()).body()).contains("秘密鍵の漏えい");
    }

    @Test
    void anotherFacilitysDeviceIsNotFoundLikeAnAbsentOneAndStaysActive() throws Exception {
        PortalBrowser admin = admin(clinicId);
        IssuedDeviceCertificate foreign = context.getBean(DeviceCertificates.class).issue(hospitalId,
                "hospital-gw-" + UUID.randomUUID().toString().substring(0, 6), DeviceKind.GATEWAY, csr(), "it");
        String absent = UUID.randomUUID().toString();
        assertNotFound(admin.get("/portal/facility/devices/" + foreign.deviceId()),
                admin.get("/portal/facility/devices/" + absent));
        assertNotFound(admin.get("/portal/facility/devices/" + foreign.deviceId() + "/certificate"),
                admin.get("/portal/facility/devices/" + absent + "/certificate"));
        Page page = admin.get("/portal/facility/devices");
        assertThat(page.body()).doesNotContain(foreign.deviceId().toString());
        assertNotFound(admin.post("/portal/facility/devices/" + foreign.deviceId() + "/revoke",
                        form("_csrf", page.csrfToken(), "reason", "KEY_COMPROMISE")),
                admin.post("/portal/facility/devices/" + absent + "/revoke",
                        form("_csrf", page.csrfToken(), "reason", "KEY_COMPROMISE")));
        assertThat(context.getBean(DeviceCertificates.class).list(hospitalId).stream()
                .filter(d -> d.deviceId().equals(foreign.deviceId())).findFirst().orElseThrow().status())
                .isEqualTo(Device.Status.ACTIVE);
    }

    @Test
    void theAuditTrailShowsTheOwnFacilitysEventsOnly() {
        TestPeople.Person own = TestPeople.person(context, clinicId, Profession.CLERK, false, false);
        TestPeople.Person foreign = TestPeople.person(context, hospitalId, Profession.CLERK, false, false);
        LoginService logins = context.getBean(LoginService.class);
        assertThat(logins.login(new LoginRequest(own.login(), TestPeople.PASSWORD, null, null, null), "127.0.0.1"))
                .isInstanceOf(LoginResult.Success.class);
        assertThat(logins.login(new LoginRequest(foreign.login(), TestPeople.PASSWORD, null, null, null), "127.0.0.1"))
                .isInstanceOf(LoginResult.Success.class);

        PortalBrowser admin = admin(clinicId);
        Page audit = admin.get("/portal/facility/audit");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body()).contains("監査ログ", own.login(), "ログイン").doesNotContain(foreign.id(), foreign.login());

        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).toString();
        Page byPerson = admin.get("/portal/facility/audit?from=" + today + "&to=" + today + "&person=" + own.id()
                + "&action=AUTHENTICATE");
        assertThat(main(byPerson)).contains(own.login(), "成功").doesNotContain("<td>参照</td>");
        Page foreignPerson = admin.get("/portal/facility/audit?person=" + foreign.id());
        assertThat(main(foreignPerson)).contains("該当する記録はありません").doesNotContain(foreign.id());
        Page facilityParam = admin.get("/portal/facility/audit?facilityId=" + hospitalId + "&person=" + foreign.id());
        assertThat(main(facilityParam)).contains("該当する記録はありません");
        Page tomorrow = admin.get("/portal/facility/audit?from=2999-01-01");
        assertThat(main(tomorrow)).contains("該当する記録はありません");
        assertThat(admin.get("/portal/facility/audit?from=yesterday").body()).contains("2026-04-01");
        Page paged = admin.get("/portal/facility/audit?page=2");
        assertThat(paged.status()).isEqualTo(200);
        assertThat(paged.body()).contains("2ページ目");
    }

    /** A PKCS#10 request (EC P-256) in PEM, as a facility system makes one. */
    static String csr() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        var request = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=portal-test"), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(request);
        }
        return out.toString();
    }
}
