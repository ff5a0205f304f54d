package jp.renkei.hub.app.portal.questionnaire;

import static jp.renkei.hub.app.portal.consent.DeskSupport.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.portal.consent.DeskSupport;
import jp.renkei.hub.app.support.DemoGateways;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.person.Profession;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Web questionnaires over real HTTPS: the hospital's clerk builds and publishes a questionnaire, issues a one-time
 * link; the patient (no account) confirms the birth date, is refused bad answers with nothing stored, confirms and
 * sends; the answers appear for the hospital (portal and FHIR) and the link cannot be used again. The clinic sees
 * nothing of them (the same answers as for what does not exist). Expired and locked links are refused; the audit
 * trail has the patient's actions as an anonymous actor and never the link token.
 */
@HubIntegrationTest
class QuestionnaireIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @Test
    void answeredOnceThroughTheLinkTheAnswersReachTheIssuingFacilityOnly() throws Exception {
        DeskSupport desk = new DeskSupport(context, port);
        String localId = DeskSupport.newLocalId("QH");
        EventNumber number = QuestionnaireTestSupport.hospitalPatient(context, port, localId);
        String hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        PortalBrowser clerk = desk.loggedIn(hospitalId, Profession.CLERK);
        UUID formId = QuestionnaireTestSupport.publishedQuestionnaire(clerk, "初診問診票 IT");

        // a patient the hospital does not hold, a past visit day: refused with a sentence, no link
        Page foreignPatient = QuestionnaireTestSupport.issue(clerk, formId, "NO-SUCH-" + localId, QuestionnaireTestSupport.today());
        assertThat(foreignPatient.status()).isEqualTo(400);
        assertThat(foreignPatient.body()).contains("自施設の患者さんが見つかりません");
        Page pastDay = QuestionnaireTestSupport.issue(clerk, formId, localId, QuestionnaireTestSupport.today().minusDays(1));
        assertThat(pastDay.status()).isEqualTo(400);
        assertThat(pastDay.body()).contains("受診日は今日から90日以内");

        // issued by event number: the printable sheet with QR code and short code
        QuestionnaireTestSupport.Issued issued = QuestionnaireTestSupport.issued(
                QuestionnaireTestSupport.issue(clerk, formId, number.formatted(), QuestionnaireTestSupport.today()));
        assertThat(issued.sheet().body()).contains("問診 花子", "回答用リンク");
        int linksWithToken = jdbc.sql("SELECT count(*) FROM hub.questionnaire_link WHERE token_hash = :t OR"
                + " code_hash = :t").param("t", issued.token()).query(Integer.class).single();
        assertThat(linksWithToken).as("only hashes are stored").isZero();

        // the patient: a wrong birth date first, then the right one
        PortalBrowser phone = PortalBrowser.forHub(port, HubIntegrationTest.HOME);
        Page start = phone.get("/portal/q/" + issued.token());
        assertThat(start.status()).isEqualTo(200);
        assertThat(start.body()).contains("生年月日").doesNotContain("問診 花子", "初診問診票 IT");
        Page wrong = phone.post("/portal/q/" + issued.token(), form("_csrf", start.csrfToken(), "birthDate", "19580410"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("生年月日が一致しません", "あと4回");
        Page verified = phone.post("/portal/q/" + issued.token(), form("_csrf", wrong.csrfToken(),
                "birthDate", "1958年4月9日"));
        assertThat(verified.status()).as(verified.body()).isEqualTo(302);
        assertThat(verified.header("Location").orElseThrow()).endsWith("/portal/q/answer");
        assertThat(verified.setCookie("__Host-renkei-q").orElseThrow()).contains("HttpOnly", "Secure", "SameSite=Strict");
        Page sheet = phone.follow(verified);
        assertThat(sheet.body()).contains("初診問診票 IT", "質問 1/4", "質問 4/4", "体重", "kg",
                "「現在治療中の病気はありますか」で「はい」と答えた方のみ");

        // bad input: the messages beside the fields, nothing stored
        Page missing = phone.post("/portal/q/answer", form("_csrf", sheet.csrfToken(), "a.q1", "yes", "a.q3", "重い"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("この質問は回答が必要です。", "数字で入力してください");
        Page unknown = phone.post("/portal/q/answer/send", form("_csrf", missing.csrfToken(), "a.q1", "no",
                "a.q3", "52", "a.q99", "x"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("この問診票にない項目が送られました");
        Page wrongOption = phone.post("/portal/q/answer/send", form("_csrf", unknown.csrfToken(), "a.q1", "no",
                "a.q3", "52", "a.q4", "たくさん"));
        assertThat(wrongOption.status()).isEqualTo(400);
        assertThat(responses(hospitalId, localId)).as("nothing stored").isEmpty();

        // confirmation, then send
        Page confirm = phone.post("/portal/q/answer", form("_csrf", wrongOption.csrfToken(), "a.q1", "yes",
                "a.q2", "高血圧", "a.q3", "５２.５", "a.q4", "ときどき"));
        assertThat(confirm.status()).as(confirm.body()).isEqualTo(200);
        assertThat(confirm.body()).contains("回答の確認", "高血圧", "５２.５ kg", "この内容で送信する");
        Page sent = phone.post("/portal/q/answer/send", form("_csrf", confirm.csrfToken(), "a.q1", "yes",
                "a.q2", "高血圧", "a.q3", "５２.５", "a.q4", "ときどき"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.body()).contains("送信しました");
        assertThat(phone.cookie("__Host-renkei-q")).isEmpty();

        // the link cannot be used again: a clear page, no data
        Page again = PortalBrowser.forHub(port, HubIntegrationTest.HOME).get("/portal/q/" + issued.token());
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.body()).contains("この問診はすでに送信されています").doesNotContain("高血圧", "初診問診票 IT");
        Page codeAgain = codeEntry(issued.code(), "19580409");
        assertThat(codeAgain.status()).isEqualTo(410);
        assertThat(codeAgain.body()).contains("すでに送信されています");

        // the hospital: per visit day, the sheet, and through FHIR as its own data
        Page day = clerk.get("/portal/questionnaire/answers?day=" + QuestionnaireTestSupport.today());
        Matcher sheetLink = Pattern.compile("href=\"(/portal/questionnaire/answers/[0-9a-f-]{36})\"").matcher(day.body());
        assertThat(day.body()).contains(localId, number.formatted(), "回答済み");
        assertThat(sheetLink.find()).isTrue();
        Page answers = clerk.get(sheetLink.group(1));
        assertThat(answers.status()).isEqualTo(200);
        assertThat(answers.body()).contains("病名を教えてください", "高血圧", "52.5 kg", "ときどき", "はい");
        List<QuestionnaireResponse> stored = responses(hospitalId, localId);
        assertThat(stored).hasSize(1);
        QuestionnaireResponse response = stored.get(0);
        assertThat(response.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        assertThat(response.getSource().getReference()).isEqualTo(response.getSubject().getReference());
        FhirHttp hospitalGateway = DemoGateways.hospital(port);
        String responseId = response.getIdElement().getIdPart();
        assertThat(hospitalGateway.get("/fhir/QuestionnaireResponse/" + responseId).status()).isEqualTo(200);
        Bundle own = hospitalGateway.get("/fhir/QuestionnaireResponse?patient=" + number.digits())
                .resource(Bundle.class);
        assertThat(own.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).contains(responseId);
        assertThat(hospitalGateway.get("/fhir/Questionnaire?url=" + response.getQuestionnaire().split("\\|")[0])
                .body()).contains("初診問診票 IT");
        assertThat(hospitalGateway.post("/fhir/QuestionnaireResponse", new QuestionnaireResponse()).status())
                .as("written only by the hub").isNotEqualTo(201);

        // the clinic: hidden looks absent, in FHIR and in the portal
        FhirHttp clinicGateway = DemoGateways.clinic(port);
        FhirHttp.Response hidden = clinicGateway.get("/fhir/QuestionnaireResponse/" + responseId);
        FhirHttp.Response absent = clinicGateway.get("/fhir/QuestionnaireResponse/no-such-response-1");
        assertThat(hidden.status()).isEqualTo(404).isEqualTo(absent.status());
        assertThat(clinicGateway.get("/fhir/QuestionnaireResponse?patient=" + number.digits()).resource(Bundle.class)
                .getEntry()).isEmpty();
        PortalBrowser clinicClerk = desk.loggedIn(TestPeople.demoFacilityId(context, DemoFacility.CLINIC),
                Profession.CLERK);
        Page foreignSheet = clinicClerk.get(sheetLink.group(1));
        Page noSheet = clinicClerk.get("/portal/questionnaire/answers/" + UUID.randomUUID());
        assertThat(foreignSheet.status()).isEqualTo(404).isEqualTo(noSheet.status());
        assertThat(DeskSupport.main(foreignSheet)).isEqualTo(DeskSupport.main(noSheet));
        assertThat(clinicClerk.get("/portal/questionnaire/forms/" + formId).status()).isEqualTo(404);
        assertThat(clinicClerk.get("/portal/questionnaire/answers?day=" + QuestionnaireTestSupport.today()).body())
                .doesNotContain(localId);

        // the audit trail: the patient as an anonymous actor with the link, and nowhere the token
        int anonymous = jdbc.sql("SELECT count(*) FROM hub.audit_event WHERE actor_kind = 'ANONYMOUS'"
                + " AND actor_id LIKE 'QuestionnaireLink/%' AND facility_id = :f AND detail LIKE 'answers stored%'")
                .param("f", hospitalId).query(Integer.class).single();
        assertThat(anonymous).isEqualTo(1);
        int leaked = jdbc.sql("SELECT count(*) FROM hub.audit_event WHERE resource LIKE :t OR detail LIKE :t")
                .param("t", "%" + issued.token() + "%").query(Integer.class).single();
        assertThat(leaked).isZero();
    }

    @Test
    void expiredAndLockedLinksAreRefusedAndTheShortCodeWorksLikeTheLink() throws Exception {
        DeskSupport desk = new DeskSupport(context, port);
        String localId = DeskSupport.newLocalId("QE");
        QuestionnaireTestSupport.hospitalPatient(context, port, localId);
        String hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        PortalBrowser nurse = desk.loggedIn(hospitalId, Profession.NURSE);
        UUID formId = QuestionnaireTestSupport.publishedQuestionnaire(nurse, "再診問診票 IT");

        QuestionnaireTestSupport.Issued expiring = QuestionnaireTestSupport.issued(
                QuestionnaireTestSupport.issue(nurse, formId, localId, QuestionnaireTestSupport.today()));
        jdbc.sql("UPDATE hub.questionnaire_link SET expires_at = now() - interval '1 minute' WHERE local_patient_id = :l")
                .param("l", localId).update();
        Page expired = PortalBrowser.forHub(port, HubIntegrationTest.HOME).get("/portal/q/" + expiring.token());
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("有効期限が切れています").doesNotContain("再診問診票 IT");
        assertThat(codeEntry(expiring.code(), "19580409").body()).contains("有効期限が切れています");

        // five wrong birth dates lock the link, also for the right date afterwards
        QuestionnaireTestSupport.Issued locking = QuestionnaireTestSupport.issued(
                QuestionnaireTestSupport.issue(nurse, formId, localId, QuestionnaireTestSupport.today().plusDays(1)));
        PortalBrowser phone = PortalBrowser.forHub(port, HubIntegrationTest.HOME);
        Page page = phone.get("/portal/q/" + locking.token());
        for (int i = 1; i <= 4; i++) {
            page = phone.post("/portal/q/" + locking.token(), form("_csrf", page.csrfToken(), "birthDate", "20000101"));
            assertThat(page.status()).isEqualTo(400);
            assertThat(page.body()).contains("あと" + (5 - i) + "回");
        }
        page = phone.post("/portal/q/" + locking.token(), form("_csrf", page.csrfToken(), "birthDate", "20000101"));
        assertThat(page.status()).isEqualTo(410);
        assertThat(page.body()).contains("このリンクはロックされました");
        Page afterLock = phone.post("/portal/q/" + locking.token(), form("_csrf", phone.get("/portal/q").csrfToken(),
                "birthDate", "19580409"));
        assertThat(afterLock.status()).isEqualTo(410);
        assertThat(afterLock.body()).contains("ロックされました");

        // the short code opens an open link like the QR code does; an unknown code says nothing more
        QuestionnaireTestSupport.Issued byCode = QuestionnaireTestSupport.issued(
                QuestionnaireTestSupport.issue(nurse, formId, localId, QuestionnaireTestSupport.today()));
        Page unknownCode = codeEntry("ZZZZ-ZZZZ", "19580409");
        assertThat(unknownCode.status()).isEqualTo(400);
        assertThat(unknownCode.body()).contains("コードまたは生年月日が正しくありません");
        PortalBrowser typed = PortalBrowser.forHub(port, HubIntegrationTest.HOME);
        Page entry = typed.get("/portal/q");
        Page opened = typed.post("/portal/q", form("_csrf", entry.csrfToken(),
                "code", byCode.code().toLowerCase().replace("-", ""), "birthDate", "1958/04/09"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(302);
        assertThat(typed.follow(opened).body()).contains("再診問診票 IT", "質問 1/4");

        // retiring the questionnaire closes its open links
        String path = "/portal/questionnaire/forms/" + formId;
        assertThat(nurse.post(path + "/retire", form("_csrf", nurse.get(path).csrfToken())).status()).isEqualTo(302);
        assertThat(typed.get("/portal/q/answer").status()).isEqualTo(404);
        assertThat(PortalBrowser.forHub(port, HubIntegrationTest.HOME).get("/portal/q/" + byCode.token()).status())
                .isEqualTo(410);
    }

    private Page codeEntry(String code, String birthDate) {
        PortalBrowser browser = PortalBrowser.forHub(port, HubIntegrationTest.HOME);
        Page entry = browser.get("/portal/q");
        return browser.post("/portal/q", form("_csrf", entry.csrfToken(), "code", code, "birthDate", birthDate));
    }

    /** The facility's web-questionnaire responses about its patient with this local ID. */
    private List<QuestionnaireResponse> responses(String facilityId, String localId) {
        Bundle patients = DemoGateways.hospital(port).get("/fhir/Patient?identifier="
                + jp.renkei.hub.fhir.jpcore.JpCoreSystems.facilityPatientIdSystem(DemoFacility.HOSPITAL.code()) + "|"
                + localId).resource(Bundle.class);
        String patient = "Patient/" + patients.getEntryFirstRep().getResource().getIdElement().getIdPart();
        var dao = context.getBean(ca.uhn.fhir.jpa.api.dao.DaoRegistry.class).getResourceDao(QuestionnaireResponse.class);
        var map = ca.uhn.fhir.jpa.searchparam.SearchParameterMap.newSynchronous();
        map.add("_tag", new ca.uhn.fhir.rest.param.TokenParam(jp.renkei.hub.fhir.HubSystems.SOURCE_FACILITY, facilityId));
        return dao.search(map, new ca.uhn.fhir.rest.api.server.SystemRequestDetails()).getAllResources().stream()
                .map(QuestionnaireResponse.class::cast)
                .filter(r -> r.getQuestionnaire().startsWith(jp.renkei.hub.regional.questionnaire.FhirQuestionnaires.URL_BASE))
                .filter(r -> patient.equals(r.getSubject().getReference()))
                .toList();
    }
}
