package jp.renkei.hub.app.portal.radiology;

import static jp.renkei.hub.app.portal.radiology.RadiologyFixtures.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.person.Profession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The portal's radiology pages over real HTTPS: a clinic doctor sees the hospital's CT study of a patient who
 * consented to IMAGING (thumbnails, viewer, CT windows), and the same 404 page for an unconsented patient's study
 * as for none at all; a second read goes from the hospital doctor's request through the reading centre's
 * radiologist (worklist, claim, de-identified viewer, signed report) back to the doctor, who acknowledges it;
 * other facilities and other roles are refused.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalRadiologyIT {

    private static final String NAME = "Shiranui^Kotaro=不知火^小太郎";
    private static final Pattern THUMBNAIL = Pattern.compile("<img src=\"([^\"]+/thumbnail)\"");
    private static final Pattern SERIES_LINK = Pattern.compile("<a class=\"series\" href=\"([^\"]+)\"");
    private static final Pattern IMAGE = Pattern.compile("<img id=\"viewer-image\" src=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    String hospitalId;
    String clinicId;
    String centreId;
    RadiologyFixtures.Study consented;
    RadiologyFixtures.Study unconsented;

    @BeforeAll
    void setUp() throws Exception {
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        centreId = RadiologyFixtures.readingCentre(context, "0710377101", "相双画像読影センター", "SOSO_RAD").id();
        consented = RadiologyFixtures.ctStudy(context, hospitalId, RadiologyFixtures.unique("RAD-IT"), NAME, 3);
        RadiologyFixtures.imagingConsent(context, consented.eventNumber(), hospitalId, clinicId);
        unconsented = RadiologyFixtures.ctStudy(context, hospitalId, RadiologyFixtures.unique("RAD-IT"), NAME, 2);
    }

    private PortalBrowser as(String facilityId, Profession profession) {
        return RadiologyFixtures.logIn(context, PortalBrowser.forHub(port, HubIntegrationTest.HOME),
                TestPeople.person(context, facilityId, profession, false, true));
    }

    private static String first(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1).replace("&amp;", "&");
    }

    private static List<String> all(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1).replace("&amp;", "&"));
        }
        return found;
    }

    private static BufferedImage png(PortalBrowser.Bytes bytes) throws IOException {
        assertThat(bytes.status()).isEqualTo(200);
        assertThat(bytes.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/png"));
        assertThat(bytes.body()).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes.body()));
        assertThat(image).isNotNull();
        return image;
    }

    private static int[] greys(BufferedImage image) {
        return image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
    }

    private static String images(RadiologyFixtures.Study study) {
        return "/portal/patients/" + study.eventNumber() + "/images";
    }

    // ---- imaging ----

    @Test
    void aClinicDoctorSeesTheConsentedHospitalStudyWithAThumbnailPerSeries() throws Exception {
        PortalBrowser doctor = as(clinicId, Profession.DOCTOR);
        Page page = doctor.get(images(consented));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("画像検査", "胸部単純CT", "2026-04-01", "CT", "シリーズ 2", "3 枚",
                "撮影施設", hospitalName());
        assertThat(page.body()).doesNotContain(consented.localId()).doesNotContain("不知火")
                .doesNotContain(unconsented.studyUid()).doesNotContain("style=").doesNotContainPattern("\\son[a-z]+=");
        assertThat(page.body()).as("only the study's own facility may ask for a second read")
                .doesNotContain("/portal/second-reads/new");
        List<String> thumbnails = all(THUMBNAIL, page.body());
        assertThat(thumbnails).hasSize(1).allSatisfy(t -> assertThat(t).contains(consented.studyUid()));
        BufferedImage thumbnail = png(doctor.getBytes(thumbnails.get(0)));
        assertThat(thumbnail.getWidth()).isEqualTo(32);
    }

    @Test
    void anUnconsentedPatientsStudyLooksExactlyLikeNoStudyAtAll() {
        PortalBrowser doctor = as(clinicId, Profession.DOCTOR);
        Page hidden = doctor.get(images(unconsented));
        String absentNumber = EventNumber.random().formatted();
        Page absent = doctor.get("/portal/patients/" + absentNumber + "/images");
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(absent.status()).isEqualTo(404);
        assertThat(hidden.body()).contains("表示できる画像検査はありません").doesNotContain(unconsented.studyUid());
        assertThat(same(hidden.body().replace(unconsented.eventNumber(), "N")))
                .isEqualTo(same(absent.body().replace(absentNumber, "N")));

        // the hidden study's viewer and images, under its own patient's number or another's: the same 404
        String series = "/" + unconsented.studyUid() + "/" + unconsented.seriesUid();
        String instance = series + "/" + unconsented.instanceUids().get(0);
        Page hiddenViewer = doctor.get(images(unconsented) + series);
        Page mixedViewer = doctor.get(images(consented) + series);
        Page absentViewer = doctor.get(images(consented) + "/1.2.3.4/1.2.3.5");
        assertThat(List.of(hiddenViewer.status(), mixedViewer.status(), absentViewer.status()))
                .containsOnly(404);
        assertThat(hiddenViewer.body()).contains("見つかりません");
        assertThat(same(hiddenViewer.body())).isEqualTo(same(absentViewer.body()))
                .isEqualTo(same(mixedViewer.body()));
        assertThat(doctor.getBytes(images(unconsented) + instance + "/thumbnail").status()).isEqualTo(404);
        assertThat(doctor.getBytes(images(consented) + instance + "/rendered").status()).isEqualTo(404);
        assertThat(doctor.getBytes(images(consented) + "/1.2.3.4/1.2.3.5/1.2.3.6/rendered").status())
                .isEqualTo(404);

        // the hospital itself sees its own study
        PortalBrowser hospitalDoctor = as(hospitalId, Profession.DOCTOR);
        Page own = hospitalDoctor.get(images(unconsented));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).contains("(自施設)", "/portal/second-reads/new?study=" + unconsented.studyUid());
    }

    @Test
    void peopleWithoutAnImageViewingRoleGetTheRefusalPage() {
        PortalBrowser pharmacist = as(clinicId, Profession.PHARMACIST);
        Page page = pharmacist.get(images(consented));
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("あなたの役割では、この画面は利用できません");
        String instance = "/" + consented.studyUid() + "/" + consented.seriesUid() + "/"
                + consented.instanceUids().get(0);
        assertThat(pharmacist.getBytes(images(consented) + instance + "/rendered").status()).isEqualTo(403);
    }

    @Test
    void theViewerStepsThroughTheSeriesAndItsWindowsChangeTheImage() throws Exception {
        PortalBrowser doctor = as(clinicId, Profession.DOCTOR);
        String viewer = first(SERIES_LINK, doctor.get(images(consented)).body());
        Page one = doctor.get(viewer);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.body()).contains("1 / 3 枚目", "前の画像", "次の画像", "肺野", "縦隔", "骨", "脳",
                "hx-select=\"#viewer\"", "hx-target=\"#viewer\"", "aria-current=\"true\"");
        String image1 = first(IMAGE, one.body());
        assertThat(image1).contains(consented.instanceUids().get(0));

        Matcher next = Pattern.compile("id=\"viewer-next\" href=\"([^\"]+)\"").matcher(one.body());
        assertThat(next.find()).isTrue();
        Page two = doctor.get(next.group(1).replace("&amp;", "&"));
        assertThat(two.body()).contains("2 / 3 枚目");
        assertThat(first(IMAGE, two.body())).contains(consented.instanceUids().get(1));
        Page three = doctor.get(viewer + "?i=3");
        assertThat(three.body()).contains("3 / 3 枚目").doesNotContain("id=\"viewer-next\"");
        assertThat(doctor.get(viewer + "?i=4").status()).isEqualTo(404);

        // window presets: the same slice, different pixels
        Page lungPage = doctor.get(viewer + "?i=1&w=lung");
        String lungUrl = first(IMAGE, lungPage.body());
        assertThat(lungUrl).endsWith("?w=lung");
        int[] own = greys(png(doctor.getBytes(image1)));
        int[] lung = greys(png(doctor.getBytes(lungUrl)));
        int[] bone = greys(png(doctor.getBytes(image1 + "?w=bone")));
        int[] brain = greys(png(doctor.getBytes(image1 + "?w=brain")));
        assertThat(lung).isNotEqualTo(own).isNotEqualTo(bone);
        assertThat(brain).isNotEqualTo(own).isNotEqualTo(bone);
        assertThat(doctor.getBytes(lungUrl).body()).isNotEqualTo(doctor.getBytes(image1 + "?w=bone").body());
    }

    // ---- second reads ----

    @Test
    void aSecondReadGoesFromTheRequestThroughTheRadiologistToTheAcknowledgement() throws Exception {
        RadiologyFixtures.Study study = RadiologyFixtures.ctStudy(context, hospitalId,
                RadiologyFixtures.unique("RAD-SR"), NAME, 2);
        PortalBrowser doctor = as(hospitalId, Profession.DOCTOR);
        Page form = doctor.get("/portal/second-reads/new?study=" + study.studyUid());
        assertThat(form.status()).as(form.body()).isEqualTo(200);
        assertThat(form.body()).contains("相双画像読影センター", "selected", "<label for=\"question\"");
        Page identifying = doctor.post("/portal/second-reads", form("_csrf", form.csrfToken(), "study",
                study.studyUid(), "reading", centreId, "question", "患者 " + study.localId() + " の結節は?"));
        assertThat(identifying.status()).isEqualTo(400);
        assertThat(identifying.body()).contains("患者を特定できる情報");
        Page sent = doctor.post("/portal/second-reads", form("_csrf", form.csrfToken(), "study",
                study.studyUid(), "reading", centreId, "question", "右上葉の結節影について二次読影をお願いします。"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(302);
        String requestPath = sent.header("Location").orElseThrow().replaceAll("^https://[^/]+", "");
        String id = requestPath.substring(requestPath.lastIndexOf('/') + 1);
        assertThat(doctor.get(requestPath).body()).contains("依頼中 (未着手)", "相双画像読影センター", "結節影");
        assertThat(doctor.get("/portal/second-reads").body()).contains(id, "依頼中 (未着手)");

        // the reading centre's radiologist: worklist, claim, de-identified images, report
        PortalBrowser radiologist = as(centreId, Profession.RADIOLOGIST);
        Page worklist = radiologist.get("/portal/reading");
        assertThat(worklist.status()).isEqualTo(200);
        assertThat(worklist.body()).contains("/portal/reading/" + id, "結節影", "CHEST");
        Page item = radiologist.get("/portal/reading/" + id);
        assertThat(item.body()).contains("この依頼を担当する");
        Page claimed = radiologist.post("/portal/reading/" + id + "/claim", form("_csrf", item.csrfToken()));
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(302);
        Page viewer = radiologist.get("/portal/reading/" + id);
        assertThat(viewer.body()).contains("読影中", "1 / 2 枚目", "匿名化した画像です");
        String image = first(IMAGE, viewer.body());
        png(radiologist.getBytes(image));
        Page second = radiologist.get("/portal/reading/" + id + "?i=2");
        assertThat(second.body()).contains("2 / 2 枚目");
        for (Page page : List.of(worklist, item, viewer, second)) {
            assertNothingIdentifies(page.body(), study);
        }

        // another radiologist of the centre sees who has it but not the images
        PortalBrowser colleague = as(centreId, Profession.RADIOLOGIST);
        Page theirs = colleague.get("/portal/reading/" + id);
        assertThat(theirs.body()).contains("ほかの読影医が担当").doesNotContain("viewer-image");
        assertThat(colleague.getBytes(image).status()).isEqualTo(403);

        Page reportForm = radiologist.get("/portal/reading/" + id + "/report");
        assertThat(reportForm.body()).contains("<label for=\"findings\"", "<label for=\"impression\"");
        assertNothingIdentifies(reportForm.body(), study);
        Page empty = radiologist.post("/portal/reading/" + id + "/report", form("_csrf", reportForm.csrfToken(),
                "findings", "", "impression", ""));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("署名できませんでした", "所見を入力してください", "診断 (結論) を入力してください");
        Page signed = radiologist.post("/portal/reading/" + id + "/report", form("_csrf", empty.csrfToken(),
                "findings", "右上葉S2に8mm大の充実性結節を認める。", "impression", "肺癌を否定できず、CTでの経過観察を推奨。"));
        assertThat(signed.status()).as(signed.body()).isEqualTo(302);
        assertThat(radiologist.follow(signed).body()).contains("署名し、依頼施設に報告しました", "報告あり");

        // the requester reads the signed report and acknowledges it
        Page reported = doctor.get(requestPath);
        assertThat(reported.body()).contains("報告あり (未確認)", "右上葉S2に8mm大の充実性結節を認める。",
                "肺癌を否定できず", "署名後に内容が変更されていないことを確認済みです", "レポートの内容を確認しました");
        Page acknowledged = doctor.post(requestPath + "/acknowledge", form("_csrf", reported.csrfToken()));
        assertThat(acknowledged.status()).isEqualTo(302);
        assertThat(doctor.get(requestPath).body()).contains("確認済み", "レポートの確認を記録しました")
                .doesNotContain("レポートの内容を確認しました</button>");
        assertThat(jdbc.sql("SELECT status FROM hub.second_read WHERE id = ?::uuid").param(id)
                .query(String.class).single()).isEqualTo("ACKNOWLEDGED");
        assertThat(jdbc.sql("SELECT acknowledged_by FROM hub.second_read WHERE id = ?::uuid").param(id)
                .query(String.class).single()).isNotBlank();
    }

    @Test
    void anotherFacilitysRadiologistAndOtherRolesCannotOpenTheWorklistItem() {
        PortalBrowser doctor = as(hospitalId, Profession.DOCTOR);
        Page form = doctor.get("/portal/second-reads/new?study=" + unconsented.studyUid());
        Page sent = doctor.post("/portal/second-reads", form("_csrf", form.csrfToken(), "study",
                unconsented.studyUid(), "reading", centreId, "question", "縦隔リンパ節の腫大の有無"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(302);
        String requestPath = sent.header("Location").orElseThrow().replaceAll("^https://[^/]+", "");
        String id = requestPath.substring(requestPath.lastIndexOf('/') + 1);

        PortalBrowser clinicRadiologist = as(clinicId, Profession.RADIOLOGIST);
        Page foreign = clinicRadiologist.get("/portal/reading/" + id);
        Page absent = clinicRadiologist.get("/portal/reading/" + java.util.UUID.randomUUID());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(same(foreign.body())).isEqualTo(same(absent.body()));
        Page list = clinicRadiologist.get("/portal/reading");
        assertThat(list.body()).doesNotContain(id);
        // the token of a page some requests ago is still good (it is not replaced on every request)
        Page claim = clinicRadiologist.post("/portal/reading/" + id + "/claim", form("_csrf", foreign.csrfToken()));
        assertThat(claim.status()).isEqualTo(404);

        PortalBrowser centreDoctor = as(centreId, Profession.DOCTOR);
        Page refused = centreDoctor.get("/portal/reading/" + id);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("あなたの役割では、この画面は利用できません");
        assertThat(centreDoctor.get("/portal/reading").status()).isEqualTo(403);

        // the request is the hospital's: the clinic's doctor finds nothing, the radiologist's own view neither
        PortalBrowser clinicDoctor = as(clinicId, Profession.DOCTOR);
        assertThat(clinicDoctor.get(requestPath).status()).isEqualTo(404);
        assertThat(same(clinicDoctor.get(requestPath).body())).isEqualTo(same(clinicDoctor.get(
                "/portal/second-reads/" + java.util.UUID.randomUUID()).body()));
        PortalBrowser radiologist = as(centreId, Profession.RADIOLOGIST);
        assertThat(radiologist.get(requestPath).status()).isEqualTo(404);
    }

    /** The page without what differs on every answer: form tokens, and the path the language switch returns to. */
    private static String same(String body) {
        return body.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\"")
                .replaceAll("name=\"back\" value=\"[^\"]*\"", "name=\"back\"");
    }

    private void assertNothingIdentifies(String body, RadiologyFixtures.Study study) {
        assertThat(body).doesNotContain("Shiranui").doesNotContain("不知火").doesNotContain(study.localId())
                .doesNotContain(study.eventNumber()).doesNotContain(study.eventNumber().replace("-", ""))
                .doesNotContain(study.studyUid()).doesNotContain(study.seriesUid())
                .doesNotContain("19520714").doesNotContain(hospitalName());
        for (String uid : study.instanceUids()) {
            assertThat(body).doesNotContain(uid);
        }
    }

    private String hospitalName() {
        return context.getBean(jp.renkei.hub.core.facility.FacilityRegistry.class).find(hospitalId).orElseThrow()
                .details().name();
    }
}
