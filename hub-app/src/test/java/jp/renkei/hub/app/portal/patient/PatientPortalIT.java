package jp.renkei.hub.app.portal.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import jp.renkei.hub.core.patient.card.IcCards;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The patient area over real HTTPS as a browser uses it (PortalBrowser): the check-digit fragment, the IC-card
 * lookup (own, unknown and hidden answer alike), the own-facility search (never another facility's patients),
 * recent patients, the lab trend charts from the hospital's demo labs (reference band, out-of-range points,
 * nothing for an unconsented patient) and the duplicate-medication warning.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatientPortalIT {

    private static final String HOSPITAL = DemoFacility.HOSPITAL.name();
    private static final String YJ = JpCoreSystems.YJ;

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

    private static Map<String, String> form(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    /** A new doctor of the facility, logged in through the portal (password, then the TOTP code). */
    private PortalBrowser doctorOf(String facilityId) {
        PortalBrowser browser = PortalBrowser.forHub(port, HubIntegrationTest.HOME);
        TestPeople.Person doctor = TestPeople.person(context, facilityId, Profession.DOCTOR, false, true);
        Page login = browser.get("/portal/login");
        Page totp = browser.post("/portal/login", form("_csrf", login.csrfToken(), "login", doctor.login(),
                "password", TestPeople.PASSWORD));
        String code = context.getBean(TotpCodes.class).codeAt(doctor.totpSecret(), Instant.now());
        Page done = browser.post("/portal/login/totp", form("_csrf", totp.csrfToken(),
                "pendingKey", totp.field("pendingKey"), "totp", code));
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        return browser;
    }

    /** The form token of a freshly loaded lookup page, as a browser has it when it submits a form there. */
    private static String token(PortalBrowser browser) {
        return browser.get("/portal/patients").csrfToken();
    }

    private EventNumber hospitalPatient(String localId) {
        return context.getBean(PatientCrossReference.class)
                .eventNumberOf(new FacilityPatientId(hospitalId, localId)).orElseThrow();
    }

    private FhirHttp hospitalGateway() {
        java.nio.file.Path demo = HubIntegrationTest.HOME.resolve("demo");
        return FhirHttp.forDevice(port, HubIntegrationTest.HOME, demo.resolve("hospital-gateway.key"),
                demo.resolve("hospital-gateway.crt"));
    }

    private String hospitalPatientId(String localId) {
        FhirHttp.Response found = hospitalGateway().get("/fhir/Patient?identifier="
                + JpCoreSystems.facilityPatientIdSystem(DemoFacility.HOSPITAL.code()) + "|" + localId);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.resource(Bundle.class).getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void theCheckDigitFragmentAnswersAsTheNumberIsTyped() {
        PortalBrowser browser = doctorOf(clinicId);
        Page lookup = browser.get("/portal/patients");
        assertThat(lookup.body()).contains("hx-get=\"/portal/patients/check\"", "id=\"number-check\"",
                "aria-live=\"polite\"");
        String digits = hospitalPatient("N000001").digits();
        Page ok = browser.get("/portal/patients/check?number=" + digits.substring(0, 4) + "-" + digits.substring(4));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).contains("番号の形式OK", "check-ok").doesNotContain("<html", "<main");
        String mistyped = digits.substring(0, 15) + (char) ('0' + (digits.charAt(15) - '0' + 1) % 10);
        Page bad = browser.get("/portal/patients/check?number=" + mistyped);
        assertThat(bad.body()).contains("チェックディジット (最後の桁) が一致しません", "check-bad");
        assertThat(browser.get("/portal/patients/check?number=1234").body()).contains("入力中です", "check-info");
        assertThat(browser.get("/portal/patients/check?number=0234567890123456").body())
                .contains("0以外で始まる16桁", "check-bad");
        // without JavaScript the plain form still says it, on the lookup page
        Page plain = browser.get("/portal/patients?number=" + mistyped);
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.body()).contains("チェックディジット (最後の桁) が一致しません", "<form");
    }

    @Test
    void anIcCardOpensItsHoldersPageAndUnknownOrHiddenCardsLookAlike() {
        IcCards cards = context.getBean(IcCards.class);
        HubPrincipal hospitalClerk = new HubPrincipal(HubPrincipal.Kind.PERSON, "integration-test", "試験",
                hospitalId, java.util.Set.of(HubRole.CLERK));
        String consented = "PC" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        String hidden = "PH" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        String unknown = "PU" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        cards.bindCard(hospitalPatient("N000001").formatted(), consented, hospitalClerk);
        cards.bindCard(hospitalPatient("N000004").formatted(), hidden, hospitalClerk);

        PortalBrowser browser = doctorOf(clinicId);
        Page open = browser.post("/portal/patients/card", form("_csrf", token(browser), "cardNumber", consented));
        assertThat(open.status()).isEqualTo(302);
        assertThat(open.header("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/portal/patients/" + hospitalPatient("N000001").formatted()));

        Page hiddenAnswer = browser.post("/portal/patients/card", form("_csrf", token(browser), "cardNumber", hidden));
        Page absentAnswer = browser.post("/portal/patients/card", form("_csrf", token(browser), "cardNumber", unknown));
        assertThat(hiddenAnswer.status()).isEqualTo(404).isEqualTo(absentAnswer.status());
        assertThat(hiddenAnswer.body()).contains("このカードの患者を開けませんでした")
                .doesNotContain(hospitalPatient("N000004").formatted(), HOSPITAL + "</");
        // the same page but for the form tokens (masked afresh on every page)
        String tokens = "name=\"_csrf\" value=\"[^\"]*\"";
        assertThat(hiddenAnswer.body().replaceAll(tokens, "")).isEqualTo(absentAnswer.body().replaceAll(tokens, ""));
        // the hospital itself opens its own patient by the same card
        PortalBrowser hospital = doctorOf(hospitalId);
        Page own = hospital.post("/portal/patients/card", form("_csrf", token(hospital),
                "cardNumber", hidden));
        assertThat(own.status()).isEqualTo(302);
        assertThat(own.header("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/portal/patients/" + hospitalPatient("N000004").formatted()));
        // a malformed number is a format message, and the card is never in a URL
        Page malformed = browser.post("/portal/patients/card", form("_csrf", token(browser), "cardNumber", "ab"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("8〜32文字");
    }

    @Test
    void theOwnFacilitySearchFindsOnlyTheActingFacilitysPatients() {
        PortalBrowser hospital = doctorOf(hospitalId);
        Page byId = hospital.post("/portal/patients/own", form("_csrf", token(hospital), "by", "localId", "query", "N000001"));
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.body()).contains("<td>N000001</td>", hospitalPatient("N000001").formatted());
        // the kana name of that patient, as the hospital's own search shows it
        Matcher kana = Pattern.compile("<td>N000001</td>").matcher(byId.body());
        assertThat(kana.find()).isTrue();
        Matcher row = Pattern.compile("<td>([^<]*)</td>\\s*<td>([^<]*)</td>\\s*<td>[^<]*</td>\\s*<td>N000001</td>")
                .matcher(byId.body());
        assertThat(row.find()).isTrue();
        String family = row.group(2).split(" ")[0];
        Page byName = hospital.post("/portal/patients/own", form("_csrf", token(hospital), "by", "name", "query", family));
        assertThat(byName.body()).contains("<td>N000001</td>", row.group(2));
        // hiragana is read as katakana
        StringBuilder hiragana = new StringBuilder();
        family.codePoints().forEach(c -> hiragana.appendCodePoint(c >= 0x30A1 && c <= 0x30F6 ? c - 0x60 : c));
        assertThat(hospital.post("/portal/patients/own", form("_csrf", token(hospital), "by", "name", "query",
                hiragana.toString())).body()).contains("<td>N000001</td>");

        // the clinic: the same searches find none of the hospital's patients, only its own
        PortalBrowser clinic = doctorOf(clinicId);
        Page foreignId = clinic.post("/portal/patients/own", form("_csrf", token(clinic), "by", "localId", "query", "N000001"));
        assertThat(foreignId.body()).contains("該当する自施設の患者は見つかりませんでした")
                .doesNotContain(hospitalPatient("N000001").formatted());
        Page foreignName = clinic.post("/portal/patients/own", form("_csrf", token(clinic), "by", "name", "query", family));
        assertThat(foreignName.body()).doesNotContain("<td>N0", "<td>H0", hospitalPatient("N000001").formatted());
        Page ownId = clinic.post("/portal/patients/own", form("_csrf", token(clinic), "by", "localId", "query", "C000004"));
        assertThat(ownId.body()).contains("<td>C000004</td>");
        // a search without the form token does nothing
        assertThat(clinic.post("/portal/patients/own", form("by", "localId", "query", "C000004")).status()).isEqualTo(403);
    }

    @Test
    void recentPatientsListThePagesThePersonOpenedAndNoRefusedOne() {
        PortalBrowser browser = doctorOf(clinicId);
        assertThat(browser.get("/portal/patients").body()).contains("まだ患者のページを開いていません");
        EventNumber first = hospitalPatient("N000001");
        EventNumber second = hospitalPatient("N000002");
        EventNumber refused = hospitalPatient("N000004");
        Page page = browser.get("/portal/patients/" + first.formatted());
        assertThat(page.status()).isEqualTo(200);
        assertThat(browser.get("/portal/patients/" + second.formatted()).status()).isEqualTo(200);
        assertThat(browser.get("/portal/patients/" + refused.formatted()).status()).isEqualTo(403);
        String subject = Pattern.compile("<p class=\"subject\">([^<]*)</p>").matcher(page.body()).results()
                .findFirst().orElseThrow().group(1);
        String lookup = browser.get("/portal/patients").body();
        assertThat(lookup).contains("最近開いた患者", subject, "/portal/patients/" + first.formatted(),
                "/portal/patients/" + second.formatted()).doesNotContain(refused.formatted());
        assertThat(lookup.indexOf(second.formatted())).isLessThan(lookup.indexOf(first.formatted()));
        // another person of the same facility has a list of their own
        assertThat(doctorOf(clinicId).get("/portal/patients").body()).doesNotContain(first.formatted());
    }

    @Test
    void theLabTrendChartsShowTheHospitalsLabsWithTheReferenceBandAndOutOfRangeMarks() {
        String patientId = hospitalPatientId("N000001");
        FhirHttp.Response labs = hospitalGateway().get("/fhir/Observation?patient=" + patientId + "&_count=500");
        List<Observation> observations = labs.resource(Bundle.class).getEntry().stream()
                .map(e -> (Observation) e.getResource()).filter(Observation::hasValueQuantity).toList();
        assertThat(observations).isNotEmpty();
        long outside = observations.stream().filter(o -> {
            var range = o.getReferenceRangeFirstRep();
            var value = o.getValueQuantity().getValue();
            return value.compareTo(range.getLow().getValue()) < 0 || value.compareTo(range.getHigh().getValue()) > 0;
        }).count();
        List<String> codes = observations.stream().map(o -> o.getCode().getCodingFirstRep())
                .map(c -> c.getSystem() + "|" + c.getCode()).distinct().toList();

        PortalBrowser browser = doctorOf(clinicId);
        StringBuilder query = new StringBuilder();
        codes.forEach(c -> query.append(query.isEmpty() ? "?" : "&").append("test=")
                .append(java.net.URLEncoder.encode(c, java.nio.charset.StandardCharsets.UTF_8)));
        Page page = browser.get("/portal/patients/" + hospitalPatient("N000001").formatted() + query);
        assertThat(page.status()).isEqualTo(200);
        String body = page.body();
        assertThat(count(body, "<svg ")).isEqualTo(codes.size());
        assertThat(count(body, "class=\"ref-band\"")).isEqualTo(codes.size());
        assertThat(count(body, "<circle class=\"point\"") + count(body, "<path class=\"point out\""))
                .isEqualTo(observations.size());
        assertThat(count(body, "<path class=\"point out\"")).isEqualTo((int) outside);
        assertThat(count(body, "<tr class=\"out-of-range\">")).isEqualTo((int) outside);
        assertThat(body).contains("role=\"img\"", "<title id=\"lab-chart-0-title\">", "<desc id=\"lab-chart-0-desc\">",
                "基準範囲", "検査値の推移", "数値の表で見る", "hx-select=\"#labs\"")
                .doesNotContain("style=");
        // one value of the hospital's demo labs is in the table, as reported
        Observation any = observations.get(0);
        assertThat(body).contains(any.getValueQuantity().getValue().stripTrailingZeros().toPlainString() + " "
                + any.getValueQuantity().getUnit());
        // the date range narrows the charts: a range before every result draws none
        Page empty = browser.get("/portal/patients/" + hospitalPatient("N000001").formatted() + query
                + "&from=2000-01-01&to=2000-12-31");
        assertThat(empty.body()).doesNotContain("<svg ").contains("この期間の結果がありません");
        // an unconsented patient: no chart, no data, the refusal page
        Page hidden = browser.get("/portal/patients/" + hospitalPatient("N000004").formatted() + query);
        assertThat(hidden.status()).isEqualTo(403);
        assertThat(hidden.body()).doesNotContain("<svg", "検査値の推移", "<table");
    }

    @Test
    void theDispensingHistoryWarnsOfADuplicateInJapanese() {
        String patientId = hospitalPatientId("N000002");
        FhirHttp hospital = hospitalGateway();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        for (String[] rx : new String[][] {{"2171022F1022", "アムロジピン錠5mg「甲」", "内科 甲野 一郎"},
            {"2171022F2029", "アムロジピンOD錠5mg「乙」", "循環器内科 乙川 二郎"}}) {
            MedicationRequest request = new MedicationRequest();
            request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
            request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            request.getMedicationCodeableConcept().addCoding().setSystem(YJ).setCode(rx[0]).setDisplay(rx[1]);
            request.getMedicationCodeableConcept().setText(rx[1]);
            request.setSubject(new Reference("Patient/" + patientId));
            request.setRequester(new Reference().setDisplay(rx[2]));
            request.setAuthoredOnElement(new DateTimeType(Date.from(today.atTime(10, 0)
                    .atZone(ZoneId.of("Asia/Tokyo")).toInstant())));
            request.getDispenseRequest().setExpectedSupplyDuration((Duration) new Duration().setValue(28)
                    .setUnit("日").setSystem("http://unitsofmeasure.org").setCode("d"));
            FhirHttp.Response created = hospital.post("/fhir/MedicationRequest", request);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        PortalBrowser browser = doctorOf(clinicId);
        Page page = browser.get("/portal/patients/" + hospitalPatient("N000002").formatted());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("調剤・処方の履歴", "重複投薬の可能性があります", "【同一成分】",
                "「アムロジピンOD錠5mg「乙」」", "「アムロジピン錠5mg「甲」」", "服用期間が重なっています",
                "処方医または薬局に確認してください", "<tr class=\"duplicate\">", "重複の可能性");
        // a patient without such a pair has no warning
        Page other = browser.get("/portal/patients/" + hospitalPatient("N000003").formatted());
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.body()).contains("調剤・処方の履歴").doesNotContain("【同一成分】");
        // the English interface says it in English; drug, pharmacy and doctor names stay as the records give them
        browser.cookie("__Host-renkei-lang", "en");
        Page english = browser.get("/portal/patients/" + hospitalPatient("N000002").formatted());
        assertThat(english.body()).contains("【Same ingredient】", "アムロジピンOD錠5mg「乙」", "dispensed by:",
                "prescribed by:", "their periods overlap").doesNotContain("服用期間が重なっています");
    }

    @Test
    void thePrintVariantAndTheImagingLinkAndNoInlineScriptOrStyle() {
        PortalBrowser browser = doctorOf(clinicId);
        EventNumber number = hospitalPatient("N000001");
        Page page = browser.get("/portal/patients/" + number.formatted());
        assertThat(page.body()).contains("data-print", "?print=", "印刷", "文書", "画像検査")
                .doesNotContain("style=").doesNotContainPattern("\\son[a-z]+=")
                .doesNotContainPattern("<script(?![^>]*\\ssrc=)");
        Page print = browser.get("/portal/patients/" + number.formatted() + "?print");
        assertThat(print.status()).isEqualTo(200);
        assertThat(print.body()).contains("class=\"patient-page print-view\"", "/portal/static/print.css");
        // a document that is not there, and one of a hidden patient, look alike
        Page missing = browser.get("/portal/patients/" + number.formatted() + "/documents/DocumentReference/999999999");
        Page hidden = browser.get("/portal/patients/" + hospitalPatient("N000004").formatted()
                + "/documents/DocumentReference/1");
        assertThat(missing.status()).isEqualTo(404).isEqualTo(hidden.status());
        assertThat(missing.body()).contains("文書を表示できません");
    }

    @Test
    void aDocumentOfTheHospitalIsListedAndDownloadsThroughTheGate() {
        String patientId = hospitalPatientId("N000003");
        org.hl7.fhir.r4.model.DocumentReference document = new org.hl7.fhir.r4.model.DocumentReference();
        document.setStatus(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.CURRENT);
        document.setSubject(new Reference("Patient/" + patientId));
        document.getType().setText("診療情報提供書");
        document.setDescription("紹介状 (試験)");
        document.setDate(new Date());
        document.addContent().getAttachment().setContentType("text/plain").setTitle("referral.txt")
                .setData("紹介状の本文".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        FhirHttp.Response created = hospitalGateway().post("/fhir/DocumentReference", document);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.resource(org.hl7.fhir.r4.model.DocumentReference.class).getIdElement().getIdPart();

        PortalBrowser clinic = doctorOf(clinicId);
        EventNumber number = hospitalPatient("N000003");
        Page page = clinic.get("/portal/patients/" + number.formatted());
        String href = "/portal/patients/" + number.formatted() + "/documents/DocumentReference/" + id;
        assertThat(page.body()).contains("診療情報提供書", "紹介状 (試験)", href);
        Page file = clinic.get(href);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("紹介状の本文");
        assertThat(file.header("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains("attachment"));
        // the same document under another patient's number is not found
        Page elsewhere = clinic.get("/portal/patients/" + hospitalPatient("N000001").formatted()
                + "/documents/DocumentReference/" + id);
        assertThat(elsewhere.status()).isEqualTo(404);
    }
}
