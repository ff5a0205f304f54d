package jp.renkei.hub.app.portal.consent;

import static jp.renkei.hub.app.portal.consent.DeskSupport.form;
import static jp.renkei.hub.app.portal.consent.DeskSupport.main;
import static jp.renkei.hub.app.portal.consent.DeskSupport.postMultipart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.portal.consent.DeskSupport.Part;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.ConsentRecord;
import jp.renkei.hub.consent.ConsentRegistry;
import jp.renkei.hub.consent.ConsentStatus;
import jp.renkei.hub.consent.ScannedForm;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.patient.card.IcCard;
import jp.renkei.hub.core.patient.card.IcCards;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.web.ApiException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The consent desk over real HTTPS as a browser uses it: the hospital's staff record, amend and withdraw a consent
 * (with its scanned form and history) and the clinic's doctor sees the hospital's data exactly while it is in
 * force; IC cards; enrolment and linking by card; another facility sees and changes nothing of the hospital's
 * patient, on the same page as for a number nobody has; scanned forms of the wrong type or size are refused.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentDeskIT {

    private static final String HOSPITAL = DemoFacility.HOSPITAL.name();
    private static final String CLINIC = DemoFacility.CLINIC.name();
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    ConsentRegistry registry;
    @Autowired
    IcCards cards;
    @Autowired
    PatientCrossReference crossReference;

    private String clinicId;
    private String hospitalId;
    private DeskSupport desk;

    @BeforeAll
    void facilities() {
        clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        desk = new DeskSupport(context, port);
    }

    private EventNumber hospitalPatient(String localId) {
        return crossReference.eventNumberOf(new FacilityPatientId(hospitalId, localId)).orElseThrow();
    }

    private static String today() {
        return LocalDate.now(JAPAN).toString();
    }

    private static List<Part> terms(String category, String granteeScope, List<String> grantees, String validFrom,
                                    String validUntil, Part... more) {
        List<Part> parts = new ArrayList<>();
        if (category != null) {
            parts.add(Part.field("category", category));
        }
        parts.add(Part.field("granteeScope", granteeScope));
        grantees.forEach(g -> parts.add(Part.field("grantees", g)));
        parts.add(Part.field("sourceScope", "ALL"));
        parts.add(Part.field("validFrom", validFrom));
        parts.add(Part.field("validUntil", validUntil));
        parts.add(Part.field("obtainedVia", "WRITTEN_FORM"));
        parts.addAll(List.of(more));
        return parts;
    }

    @Test
    void theHospitalRecordsAmendsAndWithdrawsAConsentAndTheClinicSeesItsDataOnlyWhileItIsInForce() {
        EventNumber n4 = hospitalPatient("N000004");
        String number = n4.formatted();
        PortalBrowser clinicDoctor = desk.loggedIn(clinicId, Profession.DOCTOR);
        Page before = clinicDoctor.get("/portal/patients/" + number);
        assertThat(before.status()).isEqualTo(403);
        assertThat(before.body()).contains("この患者の情報は表示できません").doesNotContain("傷病名");

        PortalBrowser nurse = desk.loggedIn(hospitalId, Profession.NURSE);
        Page find = nurse.get("/portal/consents");
        assertThat(find.status()).isEqualTo(200);
        assertThat(find.body()).contains("同意窓口", "自施設の患者ID");
        Page found = nurse.post("/portal/consents/find", form("_csrf", fresh(nurse), "localPatientId", "N000004"));
        assertThat(found.status()).isEqualTo(302);
        assertThat(found.header("Location").orElseThrow()).endsWith("/portal/consents/" + number)
                .doesNotContain("N000004");
        Page deskPage = nurse.follow(found);
        assertThat(deskPage.status()).isEqualTo(200);
        assertThat(main(deskPage)).contains(number, "N000004", "記録された同意はまだありません");

        UUID id = null;
        try {
            Page recordForm = nurse.get("/portal/consents/" + number + "/new");
            assertThat(recordForm.body()).contains("同意の区分", "閲覧できる施設", "有効期限", "同意書のスキャン", CLINIC);
            Page recorded = postMultipart(nurse, "/portal/consents/" + number + "/new", nurse.get("/portal/consents"),
                    terms("CLINICAL", "LISTED", List.of(clinicId), today(), "",
                            Part.file("scannedForm", "consent.png", DeskSupport.PNG)));
            assertThat(recorded.status()).as(recorded.body()).isEqualTo(302);
            id = DeskSupport.consentId(recorded);
            Page detail = nurse.follow(recorded);
            assertThat(main(detail)).contains("同意を記録しました", "診療情報共有", "有効", CLINIC, "期限なし", "書面",
                    "第1版の同意書の画像");

            // stored as the API stores it: listed grantee, scanned form kept with version 1
            ConsentRecord stored = registry.consentsOf(n4).stream().filter(c -> c.category() == ConsentCategory.CLINICAL)
                    .findFirst().orElseThrow();
            assertThat(stored.terms().grantees().facilityIds()).containsExactly(clinicId);
            assertThat(stored.current().form().contentType()).isEqualTo("image/png");
            Page image = nurse.get("/portal/consents/" + number + "/c/" + id + "/v/1/form");
            assertThat(image.status()).isEqualTo(200);
            assertThat(image.header("Content-Type")).contains("image/png");
            assertThat(image.header("Content-Disposition").orElseThrow()).startsWith("inline");

            // the clinic's doctor now sees the hospital's data
            Page after = clinicDoctor.get("/portal/patients/" + number);
            assertThat(after.status()).as(after.body()).isEqualTo(200);
            assertThat(after.body()).contains("<span>" + HOSPITAL + "</span>", "傷病名")
                    .doesNotContain("表示していない情報源");

            // a second consent that says the same for the same time is refused, as the API refuses it
            Page again = nurse.get("/portal/consents/" + number + "/new");
            Page conflict = postMultipart(nurse, "/portal/consents/" + number + "/new", nurse.get("/portal/consents"),
                    terms("CLINICAL", "ALL", List.of(), today(), ""));
            assertThat(conflict.status()).isEqualTo(409);
            assertThat(main(conflict)).contains("期間が重なる有効な同意がすでにあります");
            assertThat(registry.consentsOf(n4)).hasSize(1);

            // amend: an end before the start is refused in Japanese; then a valid end date
            Page amendForm = nurse.get("/portal/consents/" + number + "/c/" + id);
            Page backwards = postMultipart(nurse, "/portal/consents/" + number + "/c/" + id + "/amend", nurse.get("/portal/consents"),
                    terms(null, "LISTED", List.of(clinicId), today(), LocalDate.now(JAPAN).minusDays(1).toString()));
            assertThat(backwards.status()).isEqualTo(400);
            assertThat(main(backwards)).contains("有効期限が開始日より前です。");
            assertThat(registry.consent(id, hospitalNurse()).versions()).hasSize(1);
            String until = LocalDate.now(JAPAN).plusDays(90).toString();
            Page amended = postMultipart(nurse, "/portal/consents/" + number + "/c/" + id + "/amend", nurse.get("/portal/consents"),
                    terms(null, "LISTED", List.of(clinicId), today(), until,
                            Part.field("reason", "有効期限を3か月に設定")));
            assertThat(amended.status()).as(amended.body()).isEqualTo(302);
            Page history = nurse.follow(amended);
            assertThat(main(history)).contains("同意の変更を記録しました", "変更前の版", "有効期限を3か月に設定", until);
            assertThat(clinicDoctor.get("/portal/patients/" + number).status()).isEqualTo(200);

            // withdraw: a reason is required; then the clinic is refused again
            Page noReason = nurse.post("/portal/consents/" + number + "/c/" + id + "/withdraw",
                    form("_csrf", fresh(nurse), "withdrawReason", " "));
            assertThat(noReason.status()).isEqualTo(400);
            assertThat(main(noReason)).contains("撤回の理由を入力してください。");
            Page withdrawn = nurse.post("/portal/consents/" + number + "/c/" + id + "/withdraw",
                    form("_csrf", fresh(nurse), "withdrawReason", "患者から撤回の申し出"));
            assertThat(withdrawn.status()).isEqualTo(302);
            Page last = nurse.follow(withdrawn);
            assertThat(main(last)).contains("同意の撤回を記録しました", "撤回済み", "患者から撤回の申し出", "記録", "変更", "撤回")
                    .doesNotContain("同意を撤回する</button>");
            assertThat(registry.consent(id, hospitalNurse()).versions()).extracting(v -> v.version() + " "
                    + v.change() + " " + v.storedStatus())
                    .containsExactly("1 RECORDED ACTIVE", "2 AMENDED ACTIVE", "3 WITHDRAWN WITHDRAWN");
            Page refusedAgain = clinicDoctor.get("/portal/patients/" + number);
            assertThat(refusedAgain.status()).isEqualTo(403);
            assertThat(refusedAgain.body()).doesNotContain("傷病名");
            id = null;
        } finally {
            if (id != null) { // leave N000004 unconsented for the other tests
                registry.withdraw(id, "test clean-up", hospitalNurse());
            }
        }
    }

    /** The CSRF token of a page just opened: the portal's form tokens are good for one submission. */
    private static String fresh(PortalBrowser browser) {
        return browser.get("/portal/consents").csrfToken();
    }

    private HubPrincipal hospitalNurse() {
        return new HubPrincipal(HubPrincipal.Kind.PERSON, "desk-it", "試験", hospitalId, java.util.Set.of(HubRole.NURSE));
    }

    @Test
    void aFormsTokenStaysGoodWhileTheBrowserLoadsThePagesStyleSheetsAndScripts() {
        PortalBrowser nurse = desk.loggedIn(hospitalId, Profession.NURSE);
        Page find = nurse.get("/portal/consents");
        assertThat(nurse.get("/portal/static/portal.css").status()).isEqualTo(200);
        assertThat(nurse.get("/portal/static/portal.js").status()).isEqualTo(200);
        Page first = nurse.post("/portal/consents/find", form("_csrf", find.csrfToken(), "localPatientId", "N000002"));
        assertThat(first.status()).isEqualTo(302);
        Page second = nurse.post("/portal/consents/find", form("_csrf", find.csrfToken(), "localPatientId", "N000003"));
        assertThat(second.status()).isEqualTo(302);
        assertThat(second.header("Location").orElseThrow()).endsWith(hospitalPatient("N000003").formatted());
    }

    @Test
    void anotherFacilitySeesAndChangesNothingOfTheHospitalsPatientOnTheSamePageAsForAnAbsentPatient() {
        EventNumber n1 = hospitalPatient("N000001");
        ConsentRecord hospitalConsent = registry.consentsOf(n1).get(0);
        String consentPath = "/portal/consents/" + n1.formatted() + "/c/" + hospitalConsent.id();
        PortalBrowser clinicNurse = desk.loggedIn(clinicId, Profession.NURSE);

        Page foreign = clinicNurse.get("/portal/consents/" + n1.formatted());
        Page absent = clinicNurse.get("/portal/consents/" + EventNumber.random().formatted());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(absent.status()).isEqualTo(404);
        assertThat(main(foreign)).isEqualTo(main(absent)).contains("この患者は同意窓口で開けません")
                .doesNotContain(n1.formatted(), "N000001", "診療情報共有");

        Page foreignConsent = clinicNurse.get(consentPath);
        Page absentConsent = clinicNurse.get("/portal/consents/" + EventNumber.random().formatted() + "/c/"
                + UUID.randomUUID());
        assertThat(foreignConsent.status()).isEqualTo(404);
        assertThat(main(foreignConsent)).isEqualTo(main(absentConsent));
        assertThat(clinicNurse.get(consentPath + "/v/1/form").status()).isEqualTo(404);
        assertThat(clinicNurse.get("/portal/consents/" + n1.formatted() + "/new").status()).isEqualTo(404);

        Page page = clinicNurse.get("/portal/consents");
        Page withdraw = clinicNurse.post(consentPath + "/withdraw", form("_csrf", fresh(clinicNurse),
                "withdrawReason", "他施設からの撤回"));
        assertThat(withdraw.status()).isEqualTo(404);
        assertThat(main(withdraw)).isEqualTo(main(absent));
        Page amend = postMultipart(clinicNurse, consentPath + "/amend", clinicNurse.get("/portal/consents"),
                terms(null, "LISTED", List.of(clinicId), today(), ""));
        assertThat(amend.status()).isEqualTo(404);
        Page record = postMultipart(clinicNurse, "/portal/consents/" + n1.formatted() + "/new", clinicNurse.get("/portal/consents"),
                terms("IMAGING", "ALL", List.of(), today(), ""));
        assertThat(record.status()).isEqualTo(404);
        Page card = clinicNurse.post("/portal/consents/" + n1.formatted() + "/cards", form("_csrf", fresh(clinicNurse),
                "cardNumber", DeskSupport.newCardNumber()));
        assertThat(card.status()).isEqualTo(404);
        assertThat(main(card)).isEqualTo(main(absent));
        Page byLocalId = clinicNurse.post("/portal/consents/find", form("_csrf", fresh(clinicNurse),
                "localPatientId", "N000001"));
        assertThat(byLocalId.status()).isEqualTo(404);
        assertThat(main(byLocalId)).contains("この患者IDの患者は、あなたの施設には登録されていません。");

        ConsentRecord after = registry.consentsOf(n1).stream().filter(c -> c.id().equals(hospitalConsent.id()))
                .findFirst().orElseThrow();
        assertThat(after.versions()).hasSameSizeAs(hospitalConsent.versions());
        assertThat(after.current().storedStatus()).isEqualTo(ConsentStatus.ACTIVE);
        assertThat(registry.consentsOf(n1)).noneMatch(c -> c.category() == ConsentCategory.IMAGING);
    }

    @Test
    void aScannedFormOfTheWrongTypeOrTooLargeIsRefusedAndAPdfIsOfferedAsADownload() {
        PortalBrowser nurse = desk.loggedIn(hospitalId, Profession.NURSE);
        Page find = nurse.get("/portal/consents");
        String local = DeskSupport.newLocalId("P-FORM");
        Page enrolled = nurse.follow(nurse.post("/portal/consents/enrol", form("_csrf", fresh(nurse),
                "localPatientId", local)));
        EventNumber number = crossReference.eventNumberOf(new FacilityPatientId(hospitalId, local)).orElseThrow();
        String path = "/portal/consents/" + number.formatted() + "/new";
        Page recordForm = nurse.get(path);

        Page gif = postMultipart(nurse, path, nurse.get("/portal/consents"), terms("IMAGING", "ALL", List.of(), today(), "",
                Part.file("scannedForm", "consent.gif", "GIF89a-not-a-consent".getBytes())));
        assertThat(gif.status()).isEqualTo(400);
        assertThat(main(gif)).contains("同意書は PDF・JPEG・PNG のいずれかのファイルにしてください。");
        byte[] huge = new byte[ScannedForm.MAX_BYTES + 1];
        huge[0] = (byte) 0xFF;
        huge[1] = (byte) 0xD8;
        huge[2] = (byte) 0xFF;
        Page tooLarge = postMultipart(nurse, path, nurse.get("/portal/consents"), terms("IMAGING", "ALL", List.of(), today(), "",
                Part.file("scannedForm", "consent.jpg", huge)));
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(main(tooLarge)).contains("同意書のファイルが大きすぎます。5MB以下にしてください。");
        Page noGrantee = postMultipart(nurse, path, nurse.get("/portal/consents"), terms("IMAGING", "LISTED", List.of(), today(), ""));
        assertThat(noGrantee.status()).isEqualTo(400);
        assertThat(main(noGrantee)).contains("施設を1つ以上選んでください");
        assertThat(registry.consentsOf(number)).isEmpty();

        Page pdf = postMultipart(nurse, path, nurse.get("/portal/consents"), terms("IMAGING", "ALL", List.of(), today(), "",
                Part.file("scannedForm", "consent.pdf", DeskSupport.PDF)));
        assertThat(pdf.status()).as(pdf.body()).isEqualTo(302);
        UUID id = DeskSupport.consentId(pdf);
        assertThat(main(nurse.follow(pdf))).contains("同意書(PDF、", "をダウンロード").doesNotContain("<img");
        Page download = nurse.get("/portal/consents/" + number.formatted() + "/c/" + id + "/v/1/form");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).contains("application/pdf");
        assertThat(download.header("Content-Disposition").orElseThrow()).startsWith("attachment");
        assertThat(enrolled.body()).contains(local);
    }

    @Test
    void aCardIsIssuedReportedLostAndReplacedAtTheDeskAndOnlyTheLinkedFacilityMayTouchIt() {
        PortalBrowser nurse = desk.loggedIn(hospitalId, Profession.NURSE);
        Page find = nurse.get("/portal/consents");
        String local = DeskSupport.newLocalId("P-CARD");
        Page enrolled = nurse.post("/portal/consents/enrol", form("_csrf", fresh(nurse), "localPatientId", local));
        assertThat(enrolled.status()).isEqualTo(302);
        EventNumber number = crossReference.eventNumberOf(new FacilityPatientId(hospitalId, local)).orElseThrow();
        String deskPath = "/portal/consents/" + number.formatted();
        Page page = nurse.get(deskPath);
        assertThat(main(page)).contains("この患者のカードはまだ記録されていません。");

        String card = DeskSupport.newCardNumber();
        Page bound = nurse.post(deskPath + "/cards", form("_csrf", fresh(nurse), "cardNumber", card.toLowerCase()));
        assertThat(bound.status()).isEqualTo(302);
        page = nurse.follow(bound);
        assertThat(main(page)).contains("カードの発行を記録しました。", card, "使用中");
        Page reused = nurse.post(deskPath + "/cards", form("_csrf", fresh(nurse), "cardNumber", card));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(main(reused)).contains("このカード番号はすでに記録されています。");
        Page malformed = nurse.post(deskPath + "/cards", form("_csrf", fresh(nurse), "cardNumber", "AB-12"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(main(malformed)).contains("カード番号は8〜32文字の英字・数字で入力してください。");

        // another facility cannot report the hospital's patient's card lost
        PortalBrowser clinicNurse = desk.loggedIn(clinicId, Profession.NURSE);
        Page clinicPage = clinicNurse.get("/portal/consents");
        Page foreignLost = clinicNurse.post(deskPath + "/cards/lost", form("_csrf", fresh(clinicNurse),
                "cardNumber", card));
        assertThat(foreignLost.status()).isEqualTo(404);
        assertThat(main(foreignLost)).contains("この患者は同意窓口で開けません");
        assertThat(cards.lookupCard(card, hospitalNurse()).eventNumber()).isEqualTo(number);

        Page lost = nurse.post(deskPath + "/cards/lost", form("_csrf", fresh(nurse), "cardNumber", card));
        assertThat(lost.status()).isEqualTo(302);
        page = nurse.follow(lost);
        assertThat(main(page)).contains("カードの紛失を記録しました。", "紛失");
        assertThatThrownBy(() -> cards.lookupCard(card, hospitalNurse())).isInstanceOf(ApiException.class);
        Page lostAgain = nurse.post(deskPath + "/cards/lost", form("_csrf", fresh(nurse), "cardNumber", card));
        assertThat(lostAgain.status()).isEqualTo(409);
        assertThat(main(lostAgain)).contains("このカードはすでに紛失として記録されています。");

        String replacement = DeskSupport.newCardNumber();
        Page replaced = nurse.post(deskPath + "/cards/replace", form("_csrf", fresh(nurse), "cardNumber", card,
                "newCardNumber", replacement));
        assertThat(replaced.status()).isEqualTo(302);
        assertThat(main(nurse.follow(replaced))).contains("カードの再発行を記録しました。", replacement);
        assertThat(cards.lookupCard(replacement, hospitalNurse()).eventNumber()).isEqualTo(number);
        assertThat(cards.cardsOf(number.formatted(), hospitalNurse())).extracting(IcCard::status)
                .containsExactly(IcCard.Status.ACTIVE, IcCard.Status.LOST);
    }

    @Test
    void theHospitalEnrolsAPatientAndTheClinicLinksItsOwnPatientByTheCard() {
        PortalBrowser nurse = desk.loggedIn(hospitalId, Profession.NURSE);
        Page find = nurse.get("/portal/consents");
        String hospitalLocal = DeskSupport.newLocalId("P-ENROL");
        Page enrolled = nurse.post("/portal/consents/enrol", form("_csrf", fresh(nurse),
                "localPatientId", hospitalLocal));
        assertThat(enrolled.status()).isEqualTo(302);
        assertThat(enrolled.header("Location").orElseThrow()).contains("done=enrolled");
        EventNumber number = crossReference.eventNumberOf(new FacilityPatientId(hospitalId, hospitalLocal))
                .orElseThrow();
        assertThat(enrolled.header("Location").orElseThrow()).contains(number.formatted());
        Page page = nurse.follow(enrolled);
        assertThat(main(page)).contains("患者を登録し、イベント管理番号を発行しました。", number.formatted(), hospitalLocal);
        Page again = nurse.post("/portal/consents/enrol", form("_csrf", fresh(nurse), "localPatientId", hospitalLocal));
        assertThat(again.header("Location").orElseThrow()).contains(number.formatted(), "done=alreadyEnrolled");
        Page badId = nurse.post("/portal/consents/enrol", form("_csrf", fresh(nurse), "localPatientId", "患者 1"));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(main(badId)).contains("患者IDは64文字以内の英字・数字と - _ . / で入力してください。");
        String card = DeskSupport.newCardNumber();
        assertThat(nurse.post("/portal/consents/" + number.formatted() + "/cards", form("_csrf", fresh(nurse),
                "cardNumber", card)).status()).isEqualTo(302);

        PortalBrowser clinicNurse = desk.loggedIn(clinicId, Profession.NURSE);
        Page clinicFind = clinicNurse.get("/portal/consents");
        String clinicLocal = DeskSupport.newLocalId("C-LINK");
        Page noReason = clinicNurse.post("/portal/consents/link", form("_csrf", fresh(clinicNurse),
                "localPatientId", clinicLocal, "cardNumber", card, "reason", ""));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(main(noReason)).contains("本人確認の記録を入力してください。");
        Page unknownCard = clinicNurse.post("/portal/consents/link", form("_csrf", fresh(clinicNurse),
                "localPatientId", clinicLocal, "cardNumber", DeskSupport.newCardNumber(), "reason", "カード提示"));
        assertThat(unknownCard.status()).isEqualTo(404);
        assertThat(main(unknownCard)).contains("このカード番号は使えません。");
        assertThat(crossReference.eventNumberOf(new FacilityPatientId(clinicId, clinicLocal))).isEmpty();

        Page linked = clinicNurse.post("/portal/consents/link", form("_csrf", fresh(clinicNurse),
                "localPatientId", clinicLocal, "cardNumber", card, "reason", "健康パスポートの提示を受けた"));
        assertThat(linked.status()).as(linked.body()).isEqualTo(302);
        assertThat(linked.header("Location").orElseThrow()).contains(number.formatted(), "done=linked");
        assertThat(crossReference.eventNumberOf(new FacilityPatientId(clinicId, clinicLocal))).contains(number);
        Page clinicDesk = clinicNurse.follow(linked);
        assertThat(main(clinicDesk)).contains("自施設の患者IDをこの患者に連携しました。", clinicLocal)
                .doesNotContain(hospitalLocal);
        // the clinic now has the patient: its desk opens it by its own ID
        Page byOwnId = clinicNurse.post("/portal/consents/find", form("_csrf", fresh(clinicNurse),
                "localPatientId", clinicLocal));
        assertThat(byOwnId.header("Location").orElseThrow()).endsWith("/portal/consents/" + number.formatted());
    }
}
