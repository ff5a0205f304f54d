package jp.renkei.hub.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.auth.TotpCodes;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.person.PersonAccounts;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The web portal's first slice over real HTTPS, as a browser uses it: login (password, two-factor code, the
 * Japanese messages), the session and CSRF cookies and security headers, patient lookup by event number, the
 * consent-gated patient page of the demo data, logout.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalIT {

    private static final String SESSION = "__Host-renkei-session";
    private static final String CSRF = "__Host-renkei-csrf";
    private static final String HOSPITAL = DemoFacility.HOSPITAL.name();
    private static final String CLINIC = DemoFacility.CLINIC.name();

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

    private PortalBrowser browser() {
        return PortalBrowser.forHub(port, HubIntegrationTest.HOME);
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    private Page submitPassword(PortalBrowser browser, String login, String password) {
        Page page = browser.get("/portal/login");
        return browser.post("/portal/login", form("_csrf", page.csrfToken(), "login", login, "password", password));
    }

    /** Logs a new clinic doctor in through the portal (password, then the current TOTP code). */
    private PortalBrowser clinicDoctor() {
        PortalBrowser browser = browser();
        TestPeople.Person doctor = TestPeople.person(context, clinicId, Profession.DOCTOR, false, true);
        Page totp = submitPassword(browser, doctor.login(), TestPeople.PASSWORD);
        Page done = browser.post("/portal/login/totp", form("_csrf", totp.csrfToken(),
                "pendingKey", totp.field("pendingKey"), "totp", code(doctor, 0)));
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        return browser;
    }

    private String code(TestPeople.Person person, long offsetSeconds) {
        return context.getBean(TotpCodes.class).codeAt(person.totpSecret(), Instant.now().plusSeconds(offsetSeconds));
    }

    private EventNumber hospitalPatient(String localId) {
        return context.getBean(PatientCrossReference.class)
                .eventNumberOf(new FacilityPatientId(hospitalId, localId)).orElseThrow();
    }

    private long lastAuditSeq() {
        return context.getBean(JdbcClient.class).sql("SELECT coalesce(max(seq), 0) FROM hub.audit_event")
                .query(Long.class).single();
    }

    /** The consent gate's audit entries for the patient since {@code seq}, made for the clinic. */
    private List<String> clinicDecisionsSince(long seq, EventNumber patient) throws InterruptedException {
        List<String> decisions = List.of();
        for (int attempt = 0; attempt < 50 && decisions.isEmpty(); attempt++) {
            decisions = context.getBean(JdbcClient.class).sql("SELECT resource || ' ' || outcome || ' ' || purpose"
                            + " FROM hub.audit_event WHERE seq > ? AND resource LIKE 'access-decision%'"
                            + " AND patient_ref = ? AND facility_id = ? AND actor_kind = 'PERSON' ORDER BY seq")
                    .param(seq).param(patient.formatted()).param(clinicId).query(String.class).list();
            if (decisions.isEmpty()) {
                Thread.sleep(100);
            }
        }
        return decisions;
    }

    private static void assertSecurityHeaders(Page page) {
        assertThat(page.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                        "form-action 'self'")
                .doesNotContain("unsafe-inline"));
        assertThat(page.header("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        assertThat(page.header("X-Frame-Options")).contains("DENY");
        assertThat(page.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.header("Referrer-Policy")).contains("no-referrer");
    }

    private static void assertStrictCookie(String setCookie) {
        assertThat(setCookie).contains("Secure", "HttpOnly", "SameSite=Strict", "Path=/");
    }

    @Test
    void theLoginPageIsJapaneseWithACsrfTokenAndNoInlineScriptOrStyle() {
        PortalBrowser browser = browser();
        Page root = browser.get("/");
        assertThat(root.status()).isEqualTo(302);
        assertThat(root.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/portal"));
        Page portal = browser.follow(root);
        assertThat(portal.status()).isEqualTo(302);
        assertThat(portal.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/portal/login"));

        Page login = browser.follow(portal);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("<html lang=\"ja\"", "ログインID", "パスワード", "<label for=\"login\"",
                "/portal/static/portal.css");
        assertThat(login.csrfToken()).isNotBlank();
        // scripts only from the hub's own files (htmx and portal.js), never inline
        assertThat(login.body()).doesNotContain("<style", "style=").doesNotContainPattern("\\son[a-z]+=")
                .doesNotContainPattern("<script(?![^>]*\\ssrc=)")
                .contains("<script defer src=\"/portal/static/htmx/htmx.min.js\">");
        assertThat(browser.get("/portal/static/htmx/htmx.min.js").body()).contains("htmx");
        // the token's cookie came with the first answer and is kept
        assertThat(root.setCookie(CSRF)).hasValueSatisfying(PortalIT::assertStrictCookie);
        assertThat(browser().get("/portal/login").setCookie(CSRF)).hasValueSatisfying(PortalIT::assertStrictCookie);
        assertSecurityHeaders(login);

        Page css = browser.get("/portal/static/portal.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.body()).contains(".site-header");
    }

    @Test
    void aWrongPasswordIsAJapaneseSentenceAndStartsNoSession() {
        PortalBrowser browser = browser();
        TestPeople.Person doctor = TestPeople.person(context, clinicId, Profession.DOCTOR, false, true);
        Page page = submitPassword(browser, doctor.login(), "Wrong-password-1234");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("ログインできませんでした。ログインID、パスワードまたは確認コードが正しくありません。")
                .doesNotContain("Exception", "\"detail\"");
        assertThat(browser.cookie(SESSION)).isEmpty();
    }

    @Test
    void repeatedFailuresLockTheAccountAndSaySo() {
        PortalBrowser browser = browser();
        TestPeople.Person doctor = TestPeople.person(context, clinicId, Profession.DOCTOR, false, true);
        for (int i = 0; i < 5; i++) {
            submitPassword(browser, doctor.login(), "Wrong-password-1234");
        }
        Page locked = submitPassword(browser, doctor.login(), TestPeople.PASSWORD);
        assertThat(locked.body()).contains("アカウントがロックされています");
        assertThat(browser.cookie(SESSION)).isEmpty();
    }

    @Test
    void aPersonWhoMustEnrolTwoFactorGoesToTheEnrolmentWithASessionThatOpensNothingElse() {
        PortalBrowser browser = browser();
        TestPeople.Person doctor = TestPeople.person(context, clinicId, Profession.DOCTOR, false, false);
        Page page = submitPassword(browser, doctor.login(), TestPeople.PASSWORD);
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/portal/account/two-factor"));
        assertThat(browser.cookie(SESSION)).as("an enrolment-only session").isPresent();
        Page patients = browser.get("/portal/patients/" + hospitalPatient("N000001").formatted());
        assertThat(patients.status()).isIn(302, 403);
        assertThat(patients.body()).doesNotContain("患者サマリー");
        assertThat(browser.get("/portal/account/two-factor").body()).contains("二要素認証の設定");
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndDoesNothing() {
        PortalBrowser browser = browser();
        TestPeople.Person doctor = TestPeople.person(context, clinicId, Profession.DOCTOR, false, true);
        browser.get("/portal/login");
        Page refused = browser.post("/portal/login", form("login", doctor.login(), "password", TestPeople.PASSWORD));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("<html lang=\"ja\"", "正しくない画面から送信されたため、処理しませんでした");
        assertThat(refused.body()).doesNotContain("二要素認証"); // the password step was never run
        assertThat(browser.cookie(SESSION)).isEmpty();
        // a token that is not the cookie's is refused too
        Page forged = browser.post("/portal/login", form("_csrf", "forged-token", "login", doctor.login(),
                "password", TestPeople.PASSWORD));
        assertThat(forged.status()).isEqualTo(403);
    }

    @Test
    void withTheTwoFactorCodeTheLoginSetsAStrictSessionCookieAndTheHeaderShowsWhoAndWhere() {
        PortalBrowser browser = browser();
        TestPeople.Person doctor = TestPeople.person(context, clinicId, Profession.DOCTOR, false, true);
        Page totp = submitPassword(browser, doctor.login(), TestPeople.PASSWORD);
        assertThat(totp.status()).isEqualTo(200);
        assertThat(totp.body()).contains("二要素認証", "確認コード (6桁)");
        assertThat(totp.body()).doesNotContain(TestPeople.PASSWORD);
        assertThat(browser.cookie(SESSION)).isEmpty();

        String right = code(doctor, 0);
        String wrong = String.format("%06d", (Integer.parseInt(right) + 500_000) % 1_000_000);
        Page again = browser.post("/portal/login/totp", form("_csrf", totp.csrfToken(),
                "pendingKey", totp.field("pendingKey"), "totp", wrong));
        assertThat(again.body()).contains("確認コードが正しくありません");
        assertThat(browser.cookie(SESSION)).isEmpty();
        // the step's key is single-use
        Page replayed = browser.post("/portal/login/totp", form("_csrf", again.csrfToken(),
                "pendingKey", totp.field("pendingKey"), "totp", right));
        assertThat(replayed.body()).contains("最初からやり直してください");

        Page done = browser.post("/portal/login/totp", form("_csrf", again.csrfToken(),
                "pendingKey", again.field("pendingKey"), "totp", right));
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        assertThat(done.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/portal"));
        assertThat(done.setCookie(SESSION)).hasValueSatisfying(c -> {
            assertStrictCookie(c);
            assertThat(c).doesNotContain("Max-Age", "Domain");
        });
        // a new CSRF token after login: the one from before is dropped
        assertThat(done.setCookie(CSRF)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertSecurityHeaders(done);

        Page home = browser.follow(done);
        assertThat(home.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/portal/patients"));
        Page lookup = browser.follow(home);
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.body()).contains(CLINIC, "試験 利用者", "ログアウト", "イベント管理番号");
        assertSecurityHeaders(lookup);
    }

    @Test
    void aPersonOfSeveralFacilitiesChoosesOneAfterTheSecondFactor() {
        PortalBrowser browser = browser();
        TestPeople.Person doctor = TestPeople.person(context, clinicId, Profession.DOCTOR, false, true);
        context.getBean(PersonAccounts.class).addMember(hospitalId, doctor.id(), false, new HubPrincipal(
                HubPrincipal.Kind.PERSON, "integration-test", "試験", null, Set.of(HubRole.HUB_ADMIN)));
        Page totp = submitPassword(browser, doctor.login(), TestPeople.PASSWORD);
        Page choice = browser.post("/portal/login/totp", form("_csrf", totp.csrfToken(),
                "pendingKey", totp.field("pendingKey"), "totp", code(doctor, 0)));
        assertThat(choice.status()).isEqualTo(200);
        assertThat(choice.body()).contains("利用する施設の選択", HOSPITAL, CLINIC);
        assertThat(browser.cookie(SESSION)).isEmpty();

        Page done = browser.post("/portal/login/facility", form("_csrf", choice.csrfToken(),
                "pendingKey", choice.field("pendingKey"), "facilityId", hospitalId));
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        Page lookup = browser.follow(browser.follow(done));
        assertThat(lookup.body()).contains(HOSPITAL).doesNotContain(CLINIC);
        // acting for the hospital, its own unconsented patient is open to it, with its own data marked as such
        Page own = browser.get("/portal/patients/" + hospitalPatient("N000004").formatted());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).contains("<td class=\"source\"><span>" + HOSPITAL + "</span><span class=\"own\">(自施設)");
    }

    @Test
    void theSessionCookieIsNoCredentialForTheApiAndABearerTokenNoneForThePortal() {
        PortalBrowser browser = clinicDoctor();
        String cookie = browser.cookie(SESSION).orElseThrow();
        // the API never reads the cookie: no CSRF surface there
        PortalBrowser api = browser();
        api.cookie(SESSION, cookie);
        assertThat(api.get("/api/me").status()).isEqualTo(401);
        // the portal never reads a bearer token
        String token = TestPeople.loggedIn(context, clinicId, Profession.DOCTOR, false);
        FhirHttp bearer = FhirHttp.forHub(port, HubIntegrationTest.HOME).withToken(token);
        assertThat(bearer.get("/portal/patients").status()).isEqualTo(302);
    }

    @Test
    void aMistypedEventNumberGetsAJapaneseCheckDigitMessage() {
        PortalBrowser browser = clinicDoctor();
        String digits = hospitalPatient("N000001").digits();
        String mistyped = digits.substring(0, 15) + (char) ('0' + (digits.charAt(15) - '0' + 1) % 10);
        Page page = browser.get("/portal/patients?number=" + mistyped);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("チェックディジット (最後の桁) が一致しません", mistyped);
        Page shape = browser.get("/portal/patients?number=1234-5678");
        assertThat(shape.status()).isEqualTo(400);
        assertThat(shape.body()).contains("0以外で始まる16桁の数字です");
        Page path = browser.get("/portal/patients/" + mistyped);
        assertThat(path.status()).isEqualTo(400);
        assertThat(path.body()).contains("チェックディジット");
    }

    @Test
    void aConsentedPatientShowsTheHospitalsDataWithItsSource() throws InterruptedException {
        PortalBrowser browser = clinicDoctor();
        long before = lastAuditSeq();
        EventNumber number = hospitalPatient("N000001");
        String typed = number.digits().substring(0, 4) + " " + number.digits().substring(4, 8) + " "
                + number.digits().substring(8, 12) + " " + number.digits().substring(12);
        Page lookup = browser.get("/portal/patients?number=" + typed.replace(" ", "%20"));
        assertThat(lookup.status()).isEqualTo(302);
        assertThat(lookup.header("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/portal/patients/" + number.formatted()));
        Page page = browser.follow(lookup);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("患者サマリー", "イベント管理番号 " + number.formatted(),
                "傷病名", "薬剤アレルギー等", "感染症", "検査 (救急時・生活習慣病)", "処方", "調剤", "受診歴", "画像検査");
        // every entry names its source; the hospital's entries are there, under its name
        Matcher sources = Pattern.compile("<td class=\"source\"><span>([^<]*)</span>").matcher(page.body());
        int hospitalRows = 0;
        int rows = 0;
        while (sources.find()) {
            rows++;
            assertThat(sources.group(1)).isNotBlank();
            hospitalRows += sources.group(1).equals(HOSPITAL) ? 1 : 0;
        }
        assertThat(hospitalRows).isPositive().isEqualTo(rows);
        assertThat(page.body()).doesNotContain("表示していない情報源");
        assertSecurityHeaders(page);
        // the consent gate decided and audited it, for this person of the clinic
        assertThat(clinicDecisionsSince(before, number)).isNotEmpty()
                .allSatisfy(d -> assertThat(d).contains("from " + hospitalId).doesNotContain("DENIED").endsWith("TREAT"));
    }

    @Test
    void anUnconsentedPatientShowsNothingOfTheHospital() throws InterruptedException {
        PortalBrowser browser = clinicDoctor();
        long before = lastAuditSeq();
        EventNumber number = hospitalPatient("N000004");
        Page page = browser.get("/portal/patients/" + number.formatted());
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("この患者の情報は表示できません",
                "他の施設の情報をあなたの施設に開示する患者の同意もありません");
        assertThat(page.body()).doesNotContain(HOSPITAL, "<table", "傷病名");
        assertThat(clinicDecisionsSince(before, number)).isNotEmpty()
                .anySatisfy(d -> assertThat(d).contains("from " + hospitalId, "DENIED"));
    }

    @Test
    void aNumberNobodyHoldsLooksExactlyLikeAnUnconsentedPatient() {
        PortalBrowser browser = clinicDoctor();
        EventNumber hidden = hospitalPatient("N000004");
        EventNumber absent = EventNumber.random();
        Page hiddenPage = browser.get("/portal/patients/" + hidden.formatted());
        Page absentPage = browser.get("/portal/patients/" + absent.formatted());
        assertThat(absentPage.status()).isEqualTo(hiddenPage.status()).isEqualTo(403);
        String tokens = "name=\"_csrf\" value=\"[^\"]*\"";
        assertThat(absentPage.body().replace(absent.formatted(), "#").replaceAll(tokens, ""))
                .isEqualTo(hiddenPage.body().replace(hidden.formatted(), "#").replaceAll(tokens, ""));
    }

    @Test
    void aFacilityWhoseDataIsWithheldIsNamedWithoutItsData() throws InterruptedException {
        // a new hospital patient with a diagnosis, enrolled without consent; the clinic holds its own record of them
        String local = "P-PORTAL-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        FhirHttp hospital = device("hospital-gateway");
        Patient hospitalPatient = new Patient();
        hospitalPatient.addIdentifier().setSystem(JpCoreSystems.facilityPatientIdSystem(DemoFacility.HOSPITAL.code()))
                .setValue(local);
        hospitalPatient.addName().setFamily("門田").addGiven("試子");
        FhirHttp.Response created = hospital.post("/fhir/Patient", hospitalPatient);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String hospitalPatientId = created.resource(Patient.class).getIdElement().getIdPart();
        Condition diagnosis = new Condition();
        diagnosis.setSubject(new Reference("Patient/" + hospitalPatientId));
        diagnosis.getCode().setText("門脈試験症");
        assertThat(hospital.post("/fhir/Condition", diagnosis).status()).isEqualTo(201);
        String number = FhirHttp.forHub(port, HubIntegrationTest.HOME)
                .withToken(TestPeople.loggedIn(context, hospitalId, Profession.CLERK, false))
                .postJson("/api/patients/enrolments", "{\"localPatientId\":\"" + local + "\"}").body()
                .replaceAll(".*\"eventNumber\":\"([0-9-]+)\".*", "$1");
        Patient clinicPatient = new Patient();
        clinicPatient.addIdentifier().setSystem(JpCoreSystems.facilityPatientIdSystem(DemoFacility.CLINIC.code()))
                .setValue(local);
        clinicPatient.addName().setFamily("門田").addGiven("試子");
        assertThat(device("clinic-gateway").post("/fhir/Patient", clinicPatient).status()).isEqualTo(201);
        FhirHttp.Response linked = FhirHttp.forHub(port, HubIntegrationTest.HOME)
                .withToken(TestPeople.loggedIn(context, clinicId, Profession.CLERK, false))
                .postJson("/api/patients/links", """
                        {"localPatientId":"%s","eventNumber":"%s","verification":"CARD","reason":"card at the desk"}"""
                        .formatted(local, number));
        assertThat(linked.status()).as(linked.body()).isIn(200, 201);

        PortalBrowser browser = clinicDoctor();
        Page page = browser.get("/portal/patients/" + number);
        for (int attempt = 0; attempt < 50 && page.status() != 200; attempt++) {
            Thread.sleep(100); // the event number reaches the clinic's Patient after the link commits
            page = browser.get("/portal/patients/" + number);
        }
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("表示していない情報源", "<li>" + HOSPITAL + "</li>", "門田")
                .doesNotContain("門脈試験症", "<span>" + HOSPITAL + "</span>");
    }

    private FhirHttp device(String name) {
        java.nio.file.Path demo = HubIntegrationTest.HOME.resolve("demo");
        return FhirHttp.forDevice(port, HubIntegrationTest.HOME, demo.resolve(name + ".key"), demo.resolve(name + ".crt"));
    }

    @Test
    void logoutEndsTheSessionAndTheOldCookieNoLongerWorks() {
        PortalBrowser browser = clinicDoctor();
        String oldCookie = browser.cookie(SESSION).orElseThrow();
        Page lookup = browser.get("/portal/patients");
        assertThat(lookup.status()).isEqualTo(200);

        Page out = browser.post("/portal/logout", form("_csrf", lookup.csrfToken()));
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/portal/login?loggedOut"));
        assertThat(out.setCookie(SESSION)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(browser.follow(out).body()).contains("ログアウトしました。");

        // the old cookie, sent again, names an ended session: back to the login page with the notice
        browser.cookie(SESSION, oldCookie);
        Page again = browser.get("/portal/patients/" + hospitalPatient("N000001").formatted());
        assertThat(again.status()).isEqualTo(302);
        assertThat(again.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/portal/login?expired"));
        assertThat(browser.follow(again).body()).contains("セッションが終了したため、ログアウトしました");
    }

    @Test
    void aRoleWithoutPatientAccessGetsAJapaneseRefusal() {
        PortalBrowser browser = browser();
        TestPeople.Person clerk = TestPeople.person(context, clinicId, Profession.CLERK, false, false);
        Page done = submitPassword(browser, clerk.login(), TestPeople.PASSWORD);
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        Page home = browser.follow(done);
        assertThat(home.status()).isEqualTo(200);
        // a clerk's menu has the consent desk, not the patient record
        assertThat(home.body()).contains(CLINIC, "同意窓口").doesNotContain("患者を開く");
        Page patients = browser.get("/portal/patients");
        assertThat(patients.status()).isEqualTo(403);
        assertThat(patients.body()).contains("あなたの役割では、この画面は利用できません。");
    }
}
