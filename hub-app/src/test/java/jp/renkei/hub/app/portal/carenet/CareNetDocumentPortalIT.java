package jp.renkei.hub.app.portal.carenet;

import static jp.renkei.hub.app.portal.consent.DeskSupport.main;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renkei.hub.app.portal.consent.DeskSupport;
import jp.renkei.hub.app.portal.consent.DeskSupport.Part;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.Profession;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The care-net document pages of the portal over HTTPS with real sessions: a doctor fills in a 訪問看護指示書, gets
 * the domain's Japanese messages for what is missing, downloads the PDF (its text extracted with PDFBox) and writes
 * version 2 from a form prefilled with version 1; a nurse may not write the instruction; an outsider gets the page of
 * an absent room; the support centre downloads the room record; a facility administrator opens the partner list
 * and its CSV.
 */
@HubIntegrationTest
class CareNetDocumentPortalIT {

    private static final Pattern PDF_LINK = Pattern.compile("href=\"(/portal/care-net/rooms/[^\"]+/documents/([^\"/]+)/pdf)\"");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void aDoctorWritesANursingInstructionAndANewVersionOfIt() throws Exception {
        CareNetFixtures fixtures = new CareNetFixtures(context, port);
        TestPeople.Person doctorPerson = fixtures.person(fixtures.nurseStation, Profession.DOCTOR);
        TestPeople.Person nursePerson = fixtures.person(fixtures.nurseStation, Profession.VISITING_NURSE);
        String roomId = fixtures.openRoom("会津 太郎", List.of(doctorPerson, nursePerson), fixtures.nurseStation);
        String room = "/portal/care-net/rooms/" + roomId;
        PortalBrowser doctor = fixtures.portal(doctorPerson);

        assertThat(main(doctor.get(room))).contains("href=\"" + room + "/documents\"");
        Page list = doctor.get(room + "/documents");
        assertThat(list.status()).isEqualTo(200);
        assertThat(main(list)).contains("会津 太郎 さんの文書", "まだ文書はありません", "訪問看護指示書", "主治医意見書")
                .doesNotContain("訪問看護報告書") // the nurse's document
                .doesNotContain("部屋の記録を PDF"); // for the applicant and caretaker

        Page form = doctor.get(room + "/documents/new?kind=NURSING_INSTRUCTION");
        assertThat(form.status()).isEqualTo(200);
        assertThat(main(form)).contains("利用者: 会津 太郎 さん", "主たる傷病名（必須）", "留意事項及び指示事項",
                "装着・使用医療機器等", "for=\"f-diagnosis\"", "id=\"f-diagnosis\"");

        Page refused = DeskSupport.postMultipart(doctor, room + "/documents", form, List.of(
                Part.field("kind", "NURSING_INSTRUCTION"), Part.field("v.periodFrom", "2026-12-01"),
                Part.field("v.periodTo", "2027-05-31"), Part.field("v.condition", "下肢の浮腫あり"),
                Part.field("v.issuedOn", "2026-12-01")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(main(refused)).contains("作成できませんでした", "「主たる傷病名」を入力してください",
                "「訪問看護ステーション（宛先）」を入力してください", "下肢の浮腫あり");

        Page created = DeskSupport.postMultipart(doctor, room + "/documents", form, List.of(
                Part.field("kind", "NURSING_INSTRUCTION"), Part.field("v.periodFrom", "2026-12-01"),
                Part.field("v.periodTo", "2027-05-31"), Part.field("v.diagnosis", "慢性心不全"),
                Part.field("v.condition", "下肢の浮腫あり"), Part.field("v.devices", "酸素療法"),
                Part.field("v.devices", "吸引器"), Part.field("v.careLevel", "要介護2"),
                Part.field("v.issuedOn", "2026-12-01"), Part.field("v.station", "会津訪問看護ステーション")));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        Page afterCreate = doctor.follow(created);
        assertThat(main(afterCreate)).contains("訪問看護指示書（第 1 版） を作成し、部屋に投稿しました");
        Matcher link = PDF_LINK.matcher(main(afterCreate));
        assertThat(link.find()).isTrue();
        String pdfPath = link.group(1);
        String documentId = link.group(2);
        PortalBrowser.Bytes pdf = doctor.getBytes(pdfPath);
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.header("Content-Type")).contains("application/pdf");
        assertThat(text(pdf.body())).contains("訪問看護指示書", "会津 太郎", "慢性心不全", "下肢の浮腫あり",
                "酸素療法、吸引器", "要介護2", "会津訪問看護ステーション", "第 1 版");
        // the PDF is in the room's timeline as a post
        assertThat(main(doctor.get(room))).contains("訪問看護指示書（第 1 版）");

        Page reopen = doctor.get(room + "/documents/new?from=" + documentId);
        assertThat(reopen.status()).isEqualTo(200);
        assertThat(main(reopen)).contains("第 2 版を作成します", "慢性心不全", "下肢の浮腫あり",
                "value=\"" + documentId + "\"");
        Page second = DeskSupport.postMultipart(doctor, room + "/documents", reopen, List.of(
                Part.field("kind", "NURSING_INSTRUCTION"), Part.field("previousId", documentId),
                Part.field("v.periodFrom", "2026-12-01"), Part.field("v.periodTo", "2027-05-31"),
                Part.field("v.diagnosis", "慢性心不全"), Part.field("v.condition", "浮腫は軽快"),
                Part.field("v.issuedOn", "2026-12-15"), Part.field("v.station", "会津訪問看護ステーション")));
        assertThat(second.status()).as(second.body()).isEqualTo(302);
        assertThat(main(doctor.follow(second))).contains("訪問看護指示書（第 2 版）", "訪問看護指示書（第 1 版）");

        // the nurse reads the documents but does not write the instruction
        PortalBrowser nurse = fixtures.portal(nursePerson);
        assertThat(main(nurse.get(room + "/documents"))).contains("訪問看護指示書（第 2 版）", "訪問看護報告書")
                .doesNotContain("から新しい版を作成");
        Page notHers = nurse.get(room + "/documents/new?kind=NURSING_INSTRUCTION");
        assertThat(notHers.status()).isEqualTo(403);
        assertThat(main(notHers)).contains("「訪問看護指示書」はあなたの職種では作成できません");
        assertThat(nurse.getBytes(pdfPath).status()).isEqualTo(200);

        // an outsider gets the page of an absent room, and no PDF
        PortalBrowser outsider = fixtures.portal(fixtures.person(fixtures.careOffice, Profession.CARE_MANAGER));
        Page foreign = outsider.get(room + "/documents");
        Page absent = outsider.get("/portal/care-net/rooms/" + UUID.randomUUID() + "/documents");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(absent.status()).isEqualTo(404);
        assertThat(main(foreign)).isEqualTo(main(absent)).contains("部屋が見つかりません");
        Page foreignForm = outsider.get(room + "/documents/new?from=" + documentId);
        assertThat(foreignForm.status()).isEqualTo(404);
        assertThat(main(foreignForm)).isEqualTo(main(absent));
        assertThat(outsider.getBytes(pdfPath).status()).isEqualTo(404);
        assertThat(outsider.getBytes(room + "/record").status()).isEqualTo(404);

        // the room record: not for the doctor (neither applicant nor caretaker), for the support centre
        assertThat(doctor.getBytes(room + "/record").status()).isEqualTo(403);
        String operator = context.getBean(FacilityRegistry.class).list(null, FacilityKind.HUB_OPERATOR, null).get(0).id();
        PortalBrowser supportCentre = fixtures.portal(TestPeople.person(context, operator, Profession.HUB_ADMIN, false, true));
        PortalBrowser.Bytes record = supportCentre.getBytes(room + "/record");
        assertThat(record.status()).isEqualTo(200);
        assertThat(text(record.body())).contains("会津 太郎 さんの部屋の記録", "訪問看護指示書（第 1 版）",
                "訪問看護指示書（第 2 版）");
    }

    @Test
    void aFacilityAdministratorListsThePartnersAndDownloadsTheCsv() throws Exception {
        CareNetFixtures fixtures = new CareNetFixtures(context, port);
        PortalBrowser admin = fixtures.portal(TestPeople.person(context, fixtures.nurseStation, Profession.VISITING_NURSE,
                true, true));
        Page page = admin.get("/portal/care-net/partners?from=2026-04-01&to=2026-09-30");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("href=\"/portal/care-net/partners\"");
        assertThat(main(page)).contains("連携先の一覧（様式19の3 の添付）", "期間の開始日", "2026-04-01",
                "この期間に情報を共有した連携先はありません", "partners.csv?from=2026-04-01&amp;to=2026-09-30");
        Page wrong = admin.get("/portal/care-net/partners?from=2026-09-30&to=2026-04-01");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(main(wrong)).contains("期間の終了日（2026-04-01）が開始日（2026-09-30）より前です");
        PortalBrowser.Bytes csv = admin.getBytes("/portal/care-net/partners.csv?from=2026-04-01&to=2026-09-30");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).contains("text/csv;charset=UTF-8");
        assertThat(Arrays.copyOf(csv.body(), 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(csv.body(), 3, csv.body().length - 3, StandardCharsets.UTF_8))
                .isEqualTo("医療機関等の名称,種別,医療機関コード,情報を共有した利用者数,最後に共有した日\r\n");

        PortalBrowser nurse = fixtures.portal(fixtures.person(fixtures.nurseStation, Profession.VISITING_NURSE));
        Page notAdmin = nurse.get("/portal/care-net/partners");
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(main(notAdmin)).contains("施設の管理者が作成します");
        assertThat(nurse.getBytes("/portal/care-net/partners.csv?from=2026-04-01&to=2026-09-30").status()).isEqualTo(403);
    }

    private static String text(byte[] pdf) throws Exception {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
