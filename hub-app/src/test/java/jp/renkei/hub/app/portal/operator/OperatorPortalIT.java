package jp.renkei.hub.app.portal.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.TestPaths;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.auth.TotpCodes;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.facility.FacilityStatusChange;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.gateway.hl7.Iso2022Jp;
import jp.renkei.hub.gateway.ingest.ErrorLocation;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.Quarantine;
import jp.renkei.hub.gateway.ingest.QuarantinedItem;
import jp.renkei.hub.gateway.ingest.SourceRef;
import jp.renkei.hub.gateway.mllp.MllpConfig;
import jp.renkei.hub.gateway.mllp.MllpFraming;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hub operator's portal pages over real HTTPS: a facility application refused field by field in Japanese
 * (nothing stored) and one taken through approve → activate → suspend → withdraw with its history; the audit
 * search and the chain verification; a malformed HL7 message pushed by the hospital's gateway, listed with its
 * reason and raw text and re-processed; and the Japanese refusal for anyone but a hub administrator on every URL.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorPortalIT {

    private static final String REFUSED = "あなたの役割では、この画面は利用できません。";
    private static final Path LAB = Path.of(TestPaths.SHARED, "testdata/ssmix2/sampleData/999/901/9999013/20111220/OML-11/"
            + "9999013_20111220_OML-11_000000011000354_20111220103059000_01_1");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    FacilityRegistry registry;
    @Autowired
    Quarantine quarantine;
    @Autowired
    MllpConfig.MllpListener listener;

    private String operatorFacility;
    private String hospitalId;
    private String clinicId;

    @BeforeAll
    void people() {
        operatorFacility = registry.list(null, FacilityKind.HUB_OPERATOR, null).get(0).id();
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
    }

    /** A new hub administrator (a TOTP code is good for one login only, so each login has its own person). */
    private TestPeople.Person newOperator() {
        return TestPeople.person(context, operatorFacility, Profession.HUB_ADMIN, true, true);
    }

    /** The CSRF token of a page the person may open (a refusal page carries no form). */
    private static String freshToken(PortalBrowser browser, String path) {
        Page page = browser.get(path);
        if (page.status() == 302) {
            page = browser.follow(page);
        }
        return page.csrfToken();
    }

    static Map<String, String> form(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    /** Logs the person in through the portal's login pages (password, then the TOTP code). */
    private PortalBrowser loggedIn(TestPeople.Person person) {
        PortalBrowser browser = PortalBrowser.forHub(port, HubIntegrationTest.HOME);
        Page login = browser.get("/portal/login");
        Page totp = browser.post("/portal/login", form("_csrf", login.csrfToken(), "login", person.login(),
                "password", TestPeople.PASSWORD));
        Page done = browser.post("/portal/login/totp", form("_csrf", totp.csrfToken(), "pendingKey",
                totp.field("pendingKey"), "totp",
                context.getBean(TotpCodes.class).codeAt(person.totpSecret(), Instant.now())));
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        return browser;
    }

    /** A unique, valid hospital code (prefecture 07, medical fee schedule). */
    static String newHospitalCode() {
        return "071" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    static Map<String, String> application(String csrf, String kind, String code, String name) {
        return form("_csrf", csrf, "kind", kind, "medicalInstitutionCode", code, "name", name,
                "nameKana", "シケンビョウイン", "postalCode", "960-8611", "prefecture", "福島県", "city", "福島市",
                "line", "大町1-1", "region", "県北", "phone", "024-521-1111", "email", "", "aeTitles", "");
    }

    private static String text(Page page) {
        return page.body().replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
    }

    @Test
    void aBadMedicalInstitutionCodeIsNamedInJapaneseAndNothingIsStored() {
        TestPeople.Person operator = newOperator();
        PortalBrowser browser = loggedIn(operator);
        Page form = browser.get("/portal/operator/facilities/new");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("参加申請の登録", "医療機関コード", "<label for=\"medicalInstitutionCode\"");
        String name = "試験病院 " + UUID.randomUUID();

        Page refused = browser.post("/portal/operator/facilities",
                application(form.csrfToken(), "HOSPITAL", "07101O0017", name));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(text(refused)).contains("医療機関コードは半角数字10桁です。6文字目の「O」は半角数字ではありません。")
                .contains("value=\"" + name + "\"");
        Page pharmacyCode = browser.post("/portal/operator/facilities",
                application(refused.csrfToken(), "HOSPITAL", "0740100017", name));
        assertThat(text(pharmacyCode)).contains(
                "病院の医療機関コードは3桁目 (点数表の番号) が「1」です。入力されたコードは「4」になっています。");
        // the token of a page two answers back is still good: the token is not replaced on every request
        Page many = browser.post("/portal/operator/facilities", form("_csrf", refused.csrfToken(), "kind", "CLINIC",
                "medicalInstitutionCode", "", "name", name, "nameKana", "しけん", "postalCode", "9608611",
                "prefecture", "福島県", "city", "福島市", "line", "1", "region", "県北", "phone", "024", "email", ""));
        assertThat(text(many)).contains("入力内容に4件の問題があります。", "診療所には医療機関コードが必要です。",
                "「し」は使えません。", "郵便番号は「960-8611」のように", "電話番号は市外局番から10桁または11桁で");
        assertThat(registry.list(null, null, null)).noneMatch(f -> f.details().name().equals(name));
    }

    @Test
    void aFacilityIsAppliedApprovedActivatedSuspendedAndWithdrawnWithItsHistory() {
        TestPeople.Person operator = newOperator();
        PortalBrowser browser = loggedIn(operator);
        Page form = browser.get("/portal/operator/facilities/new");
        String name = "試験総合病院 " + UUID.randomUUID().toString().substring(0, 8);
        String code = newHospitalCode();
        Page applied = browser.post("/portal/operator/facilities", application(form.csrfToken(), "HOSPITAL", code, name));
        assertThat(applied.status()).as(applied.body()).isEqualTo(302);
        Facility facility = registry.list(null, null, null).stream().filter(f -> f.details().name().equals(name))
                .findFirst().orElseThrow();
        assertThat(facility.status()).isEqualTo(FacilityStatus.APPLIED);
        assertThat(facility.medicalInstitutionCode().value()).isEqualTo(code);
        String path = "/portal/operator/facilities/" + facility.id();
        Page page = browser.follow(applied);
        assertThat(page.body()).contains(name, "参加申請を登録しました。", "申請中", "申請を承認する", "脱退の手続きをする")
                .doesNotContain("稼働を開始する", "利用を停止する");
        // the same code again is refused: it belongs to the facility just registered
        Page again = browser.post("/portal/operator/facilities", application(page.csrfToken(), "HOSPITAL", code, name + "2"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("この医療機関コードは、すでに別の施設として登録されています。");
        // listed under 申請中
        assertThat(browser.get("/portal/operator/facilities?status=APPLIED").body()).contains(name);
        assertThat(browser.get("/portal/operator/facilities?status=ACTIVE").body()).doesNotContain(name);

        // a change the lifecycle does not allow is refused in Japanese and changes nothing
        Page skipped = browser.post(path + "/status", form("_csrf", freshToken(browser, path), "target", "ACTIVE",
                "reason", ""));
        assertThat(skipped.status()).isEqualTo(409);
        assertThat(skipped.body()).contains("「申請中」の施設を「稼働中」にすることはできません。");
        assertThat(registry.find(facility.id()).orElseThrow().status()).isEqualTo(FacilityStatus.APPLIED);

        change(browser, path, "APPROVED", "", "申請を承認しました。");
        change(browser, path, "ACTIVE", "接続試験を完了", "稼働中にしました。");
        Page noReason = browser.post(path + "/status", form("_csrf", freshToken(browser, path), "target", "SUSPENDED",
                "reason", "  "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("「停止中」にするには理由の入力が必要です。");
        assertThat(registry.find(facility.id()).orElseThrow().status()).isEqualTo(FacilityStatus.ACTIVE);
        change(browser, path, "SUSPENDED", "証明書の更新待ち", "利用を停止しました。");
        Page withdrawn = change(browser, path, "WITHDRAWN", "閉院のため", "脱退の手続きをしました。");
        assertThat(withdrawn.body()).contains("脱退した施設の状態は、これ以上変更できません。")
                .doesNotContain("name=\"target\"");

        List<FacilityStatusChange> history = registry.history(facility.id());
        assertThat(history).extracting(FacilityStatusChange::to).containsExactly(FacilityStatus.APPLIED,
                FacilityStatus.APPROVED, FacilityStatus.ACTIVE, FacilityStatus.SUSPENDED, FacilityStatus.WITHDRAWN);
        assertThat(history).allSatisfy(h -> assertThat(h.actorId()).isEqualTo(operator.id()));
        String shown = withdrawn.body();
        assertThat(shown).contains("申請 (申請中)", "申請中 → 承認済", "承認済 → 稼働中", "稼働中 → 停止中", "停止中 → 脱退",
                "接続試験を完了", "証明書の更新待ち", "閉院のため", operator.login());
        assertThat(count(shown, "<td>試験 利用者 (" + operator.login() + ")</td>")).isEqualTo(5);

        assertThat(browser.get("/portal/operator/facilities/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(browser.get("/portal/operator/facilities/not-a-facility").body()).contains("見つかりませんでした");
    }

    private Page change(PortalBrowser browser, String path, String target, String reason, String notice) {
        Page before = browser.get(path);
        Page changed = browser.post(path + "/status", form("_csrf", before.csrfToken(), "target", target, "reason", reason));
        assertThat(changed.status()).as(changed.body()).isEqualTo(302);
        Page after = browser.follow(changed);
        assertThat(after.body()).contains(notice);
        return after;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void theAuditSearchFindsAKnownEntryAndTheVerificationReportsTheCount() {
        String actor = "operator-it-" + UUID.randomUUID();
        EventNumber patient = EventNumber.random();
        long seq = context.getBean(AuditTrail.class).record(new AuditEntry("PERSON", actor, hospitalId,
                Set.of("DOCTOR"), patient.formatted(), AuditAction.READ, "GET /portal/patients/" + patient.formatted(),
                AuditOutcome.DENIED, 403, "TREAT", "127.0.0.1", "operator IT: a known entry"));
        TestPeople.Person operator = newOperator();
        PortalBrowser browser = loggedIn(operator);

        Page byActor = browser.get("/portal/operator/audit?actor=" + actor);
        assertThat(byActor.status()).isEqualTo(200);
        assertThat(byActor.body()).contains("/portal/operator/audit/" + seq + "\"", patient.formatted(), "拒否",
                DemoFacility.HOSPITAL.name());
        assertThat(count(byActor.body(), "<tr>")).isEqualTo(2); // the header and the one entry
        Page byPatient = browser.get("/portal/operator/audit?patient=" + patient.digits() + "&outcome=DENIED&action=READ"
                + "&facility=" + hospitalId + "&from=" + java.time.LocalDate.now(OperatorViews.JAPAN) + "&to="
                + java.time.LocalDate.now(OperatorViews.JAPAN));
        assertThat(byPatient.body()).contains("/portal/operator/audit/" + seq + "\"");
        assertThat(browser.get("/portal/operator/audit?patient=" + patient.digits() + "&outcome=SUCCESS").body())
                .doesNotContain("/portal/operator/audit/" + seq + "\"").contains("該当する記録はありません。");
        Page badNumber = browser.get("/portal/operator/audit?patient=1234567890123456");
        assertThat(badNumber.status()).isEqualTo(400);
        assertThat(badNumber.body()).contains("イベント管理番号は16桁の数字で、最後の桁はチェックディジットです。");
        Page badDates = browser.get("/portal/operator/audit?from=2026-05-02&to=2026-05-01");
        assertThat(badDates.body()).contains("終了日が開始日より前になっています。");
        // paging: the first page has 50 entries and a link to the next
        Page first = browser.get("/portal/operator/audit");
        assertThat(count(first.body(), "<tr>")).isEqualTo(51);
        assertThat(first.body()).contains("page=2", "次の50件");

        Page entry = browser.get("/portal/operator/audit/" + seq);
        assertThat(entry.body()).contains("監査記録 " + seq, actor, "operator IT: a known entry", "TREAT", "403");
        assertThat(browser.get("/portal/operator/audit/999999999").status()).isEqualTo(404);

        long rows = context.getBean(JdbcClient.class).sql("SELECT count(*) FROM hub.audit_event").query(Long.class).single();
        long started = System.nanoTime();
        Page verified = browser.post("/portal/operator/audit/verify", form("_csrf", freshToken(browser, "/portal/operator/audit")));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(verified.status()).isEqualTo(200);
        Matcher checked = Pattern.compile("改ざんは検出されませんでした \\(([\\d,]+)件を検証\\)").matcher(verified.body());
        assertThat(checked.find()).as(verified.body()).isTrue();
        assertThat(Long.parseLong(checked.group(1).replace(",", ""))).isGreaterThanOrEqualTo(rows);
        assertThat(verified.body()).contains("検証にかかった時間");
        // the test hub makes no anchors (HubIntegrationTest): the page says the tail is unprotected
        assertThat(verified.body()).contains("データベースの外の署名済みアンカーはまだありません");
        System.out.printf("OperatorPortalIT: the chain verification checked %s entries in %d ms (page round trip)%n",
                checked.group(1), millis);

        // how long it takes with a larger trail: 2,000 more entries, verified again from the page
        AuditTrail trail = context.getBean(AuditTrail.class);
        for (int i = 0; i < 2000; i++) {
            trail.record(new AuditEntry("SYSTEM", "operator-it-load", null, Set.of(), null, AuditAction.READ,
                    "verification load " + i, AuditOutcome.SUCCESS, 200, null, null, null));
        }
        long larger = context.getBean(JdbcClient.class).sql("SELECT count(*) FROM hub.audit_event").query(Long.class).single();
        started = System.nanoTime();
        Page again = browser.post("/portal/operator/audit/verify", form("_csrf", freshToken(browser, "/portal/operator/audit")));
        millis = (System.nanoTime() - started) / 1_000_000;
        Matcher checkedAgain = Pattern.compile("改ざんは検出されませんでした \\(([\\d,]+)件を検証\\)").matcher(again.body());
        assertThat(checkedAgain.find()).as(again.body()).isTrue();
        assertThat(Long.parseLong(checkedAgain.group(1).replace(",", ""))).isGreaterThanOrEqualTo(larger);
        assertThat(millis).as("verification of %d entries", larger).isLessThan(30_000);
        System.out.printf("OperatorPortalIT: the chain verification checked %s entries in %d ms (page round trip)%n",
                checkedAgain.group(1), millis);
    }

    @Test
    void aMalformedHl7MessageIsListedWithItsReasonAndRawTextAndReprocessed() throws Exception {
        String controlId = "OPIT" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String message = malformed(controlId);
        assertThat(message).contains("|" + controlId + "|", "|20111399103059|", "患者^太郎");
        String ack = push(Iso2022Jp.encode(message));
        assertThat(ack).contains("MSA|AE");
        QuarantinedItem item = quarantine.list(hospitalId, Quarantine.HELD, 1000).stream()
                .filter(i -> i.sourceRef().equals(controlId)).findFirst().orElseThrow();

        TestPeople.Person operator = newOperator();
        PortalBrowser browser = loggedIn(operator);
        Page list = browser.get("/portal/operator/quarantine");
        assertThat(list.status()).isEqualTo(200);
        String listed = text(list);
        assertThat(listed).contains("/portal/operator/quarantine/" + item.id(), controlId,
                "日付・時刻「20111399103059」が正しくありません。", "bad date/time '20111399103059'",
                DemoFacility.HOSPITAL.name(), "HL7 メッセージ (MLLP)");
        assertThat(browser.get("/portal/operator/quarantine?facility=" + clinicId).body()).doesNotContain(controlId);

        Page shown = browser.get("/portal/operator/quarantine/" + item.id());
        assertThat(text(shown)).contains("ISO-2022-JP (MSH-18 ISO IR87)", "MSH|^~\\&|HIS123|SEND|GW|RCV|20111399103059",
                "PID|0001||", "患者^太郎", "再処理する");

        Page confirm = browser.get("/portal/operator/quarantine/" + item.id() + "/reprocess");
        assertThat(confirm.body()).contains("再処理の確認", "再処理を実行する");
        assertThat(quarantine.find(item.id()).orElseThrow().attempts()).isEqualTo(1);
        Page result = browser.post("/portal/operator/quarantine/" + item.id() + "/reprocess",
                form("_csrf", confirm.csrfToken()));
        assertThat(result.status()).isEqualTo(200);
        assertThat(text(result)).contains("再処理しましたが、また取り込めませんでした。", "日付・時刻「20111399103059」が正しくありません。");
        QuarantinedItem after = quarantine.find(item.id()).orElseThrow();
        assertThat(after.attempts()).isEqualTo(2);
        assertThat(after.status()).isEqualTo(Quarantine.HELD);
        assertThat(context.getBean(JdbcClient.class).sql("SELECT count(*) FROM hub.audit_event WHERE actor_id = ?"
                + " AND resource LIKE ? AND outcome = 'FAILED'").params(operator.id(), "gateway quarantine " + item.id() + "%")
                .query(Long.class).single()).isEqualTo(1);

        // 8-bit bytes are not ISO-2022-JP: held, and shown in hex
        String ack8 = push(("MSH|^~\\&|HIS|SEND|GW|RCV|20260101||ADT^A08|" + controlId + "X|P|2.5||||||~ISO IR87\rPID|1||"
                + "\u00e9").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(ack8).contains("MSA|A");
        QuarantinedItem eightBit = quarantine.list(hospitalId, Quarantine.HELD, 1000).stream()
                .filter(i -> i.sourceRef().equals(controlId + "X")).findFirst().orElseThrow();
        Page hex = browser.get("/portal/operator/quarantine/" + eightBit.id());
        assertThat(text(hex)).contains("16進数で表示しています", "00000000  4D 53 48 7C", "8ビットの値 0xE9");
        assertThat(browser.get("/portal/operator/quarantine/" + UUID.randomUUID()).status()).isEqualTo(404);

        // an input held for a cause since removed (as after a mapping fix) goes through when re-processed
        String patient = "Q" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String fixedId = "OPFX" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        byte[] good = Iso2022Jp.encode(Iso2022Jp.decode(Files.readAllBytes(LAB)).replace("\u001c", "")
                .replace("|0001000052^", "|" + patient + "^").replace("|20111220131032|", "|" + fixedId + "|"));
        UUID held = quarantine.hold(hospitalId, new SourceRef(SourceRef.HL7_MESSAGE, fixedId), good,
                new IngestFailure("the FHIR store refused the mapped resources: an earlier mapping fault",
                        ErrorLocation.WHOLE));
        Page heldPage = browser.get("/portal/operator/quarantine/" + held + "/reprocess");
        Page fixed = browser.post("/portal/operator/quarantine/" + held + "/reprocess", form("_csrf", heldPage.csrfToken()));
        assertThat(text(fixed)).contains("取り込みました。この入力は「解決済み」になりました。", "解決済み")
                .doesNotContain("また取り込めませんでした");
        assertThat(quarantine.find(held).orElseThrow().status()).isEqualTo(Quarantine.RESOLVED);
        assertThat(browser.get("/portal/operator/quarantine").body()).doesNotContain(fixedId);
        assertThat(browser.get("/portal/operator/quarantine?status=RESOLVED").body()).contains(fixedId);
        // a resolved item offers no re-processing: its confirmation leads back to the item
        assertThat(browser.get("/portal/operator/quarantine/" + held + "/reprocess").status()).isEqualTo(302);
    }

    @Test
    void anyoneButAHubAdministratorGetsTheJapaneseRefusalOnEveryOperatorUrl() {
        Facility someFacility = registry.find(clinicId).orElseThrow();
        QuarantinedItem someItem = quarantine.list(null, null, 1).stream().findFirst().orElse(null);
        String itemId = someItem == null ? UUID.randomUUID().toString() : someItem.id().toString();
        List<String> urls = List.of("/portal/operator", "/portal/operator/facilities",
                "/portal/operator/facilities?status=ACTIVE", "/portal/operator/facilities/new",
                "/portal/operator/facilities/" + someFacility.id(), "/portal/operator/facilities/" + UUID.randomUUID(),
                "/portal/operator/audit", "/portal/operator/audit?actor=x", "/portal/operator/audit/1",
                "/portal/operator/quarantine", "/portal/operator/quarantine/" + itemId,
                "/portal/operator/quarantine/" + itemId + "/reprocess");
        for (TestPeople.Person person : List.of(
                TestPeople.person(context, hospitalId, Profession.CLERK, true, true),
                TestPeople.person(context, clinicId, Profession.DOCTOR, false, true))) {
            PortalBrowser browser = loggedIn(person);
            Page home = browser.get("/portal");
            if (home.status() == 302) {
                home = browser.follow(home);
            }
            assertThat(home.status()).isEqualTo(200);
            assertThat(home.body()).doesNotContain("href=\"/portal/operator\"");
            for (String url : urls) {
                Page page = browser.get(url);
                assertThat(page.status()).as(url).isEqualTo(403);
                assertThat(page.body()).as(url).contains(REFUSED, "この操作はできません").doesNotContain("operator-nav");
            }
            String name = "拒否される申請 " + UUID.randomUUID();
            Map<String, Page> posts = new LinkedHashMap<>();
            posts.put("apply", browser.post("/portal/operator/facilities",
                    application(freshToken(browser, "/portal"), "HOSPITAL", newHospitalCode(), name)));
            posts.put("status", browser.post("/portal/operator/facilities/" + someFacility.id() + "/status",
                    form("_csrf", freshToken(browser, "/portal"), "target", "SUSPENDED", "reason", "不正な操作")));
            posts.put("verify", browser.post("/portal/operator/audit/verify", form("_csrf", freshToken(browser, "/portal"))));
            posts.put("reprocess", browser.post("/portal/operator/quarantine/" + itemId + "/reprocess",
                    form("_csrf", freshToken(browser, "/portal"))));
            posts.forEach((what, page) -> {
                assertThat(page.status()).as(what).isEqualTo(403);
                assertThat(page.body()).as(what).contains(REFUSED);
            });
            assertThat(registry.list(null, null, null)).noneMatch(f -> f.details().name().equals(name));
            assertThat(registry.find(clinicId).orElseThrow().status()).isEqualTo(FacilityStatus.ACTIVE);
            if (someItem != null) {
                assertThat(quarantine.find(someItem.id()).orElseThrow().attempts()).isEqualTo(someItem.attempts());
            }
        }
    }

    /** The sample OML-11 lab result as a pushed message with control ID {@code controlId} and a bad date in MSH-7. */
    static String malformed(String controlId) throws Exception {
        return Iso2022Jp.decode(Files.readAllBytes(LAB)).replace("\u001c", "")
                .replace("20111220103059.0000", "20111399103059").replace("|20111220131032|", "|" + controlId + "|");
    }

    private String push(byte[] message) throws IOException {
        return push(listener, message);
    }

    /** Pushes the message over MLLP as the demo hospital's gateway does and returns the acknowledgement. */
    static String push(MllpConfig.MllpListener listener, byte[] message) throws IOException {
        SSLContext gateway = FhirHttp.deviceContext(HubIntegrationTest.HOME,
                HubIntegrationTest.HOME.resolve("demo/hospital-gateway.key"),
                HubIntegrationTest.HOME.resolve("demo/hospital-gateway.crt"));
        try (SSLSocket socket = (SSLSocket) gateway.getSocketFactory().createSocket("localhost", listener.port())) {
            socket.setSoTimeout(30_000);
            socket.startHandshake();
            MllpFraming.write(socket.getOutputStream(), message);
            byte[] reply = MllpFraming.read(socket.getInputStream(), 1 << 20).orElseThrow(
                    () -> new IOException("the connection closed without an acknowledgement"));
            String text = new String(reply, StandardCharsets.US_ASCII);
            try {
                return text.contains("ISO IR87") ? Iso2022Jp.decode(reply) : new String(reply, StandardCharsets.UTF_8);
            } catch (IngestFailure e) {
                return text;
            }
        }
    }
}
