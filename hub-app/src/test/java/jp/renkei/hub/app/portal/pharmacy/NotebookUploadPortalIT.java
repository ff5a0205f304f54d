package jp.renkei.hub.app.portal.pharmacy;

import static jp.renkei.hub.app.portal.consent.DeskSupport.Part.field;
import static jp.renkei.hub.app.portal.consent.DeskSupport.Part.file;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.portal.consent.DeskSupport;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.PatientEnrolment;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.gateway.ingest.IngestIds;
import jp.renkei.hub.gateway.jahis.JahisUpload;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The pharmacy's notebook upload page ({@code /portal/pharmacy/notebook}): a notebook with warning lines is imported
 * and the page counts what it became and lists the warnings by line and record; a file without patient record is
 * quarantined and nothing is stored; a pharmacist of a facility that is not a pharmacy, and a doctor, are refused.
 */
@HubIntegrationTest
class NotebookUploadPortalIT {

    private static final String PATH = "/portal/pharmacy/notebook";
    /** The gateway module's own Shift_JIS/CRLF notebook: five drugs, three lines with a warning (13, 15, 16). */
    private static final Path NOTEBOOK = Path.of("../gateway-connector/src/test/resources/jahis/notebook-materials-empty-usage.txt");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    IngestIds ingestIds;

    private DeskSupport desk;
    private String pharmacy;

    @BeforeEach
    void setUp() {
        desk = new DeskSupport(context, port);
        pharmacy = TestPeople.demoFacilityId(context, DemoFacility.PHARMACY);
    }

    @Test
    void aPharmacistUploadsANotebookAndSeesTheCountsAndTheWarningsInJapanese() throws IOException {
        String localId = DeskSupport.newLocalId("NB");
        EventNumber number = context.getBean(PatientEnrolment.class).enrol(pharmacy, localId,
                new HubPrincipal(HubPrincipal.Kind.PERSON, "notebook-test", "試験", pharmacy,
                        Set.of(HubRole.PHARMACIST))).eventNumber();
        PortalBrowser browser = desk.loggedIn(pharmacy, Profession.PHARMACIST);

        Page form = browser.get(PATH);
        assertThat(form.status()).as(form.body()).isEqualTo(200);
        assertThat(form.body()).contains("お薬手帳ファイルの取り込み").contains("<label for=\"file\"")
                .contains("enctype=\"multipart/form-data\"").contains("href=\"/portal/pharmacy/notebook\"");

        Page result = DeskSupport.postMultipart(browser, PATH, form, List.of(
                field("eventNumber", number.formatted()), field("patientId", ""),
                file("file", "notebook.txt", Files.readAllBytes(NOTEBOOK))));

        assertThat(result.status()).as(result.body()).isEqualTo(200);
        String page = oneLine(result.body());
        assertThat(page).contains("ファイルを取り込みました。")
                .contains("href=\"/portal/patients/" + number.formatted() + "\"")
                .doesNotContain(localId);
        assertThat(page).containsPattern(row("調剤", "1"))
                .containsPattern(row("薬剤 (調剤された薬)", "5"));
        assertThat(page).contains("警告付きで取り込んだ行 (3 行)")
                .containsPattern(Pattern.quote("<th scope=\"row\">13</th> <td>用法 (301)</td> <td><span>2 番目の項目 (usage name)</span></td>")
                        + " <td lang=\"en\">[^<]*line 13, record 301 \\(usage\\), field 2 \\(usage name\\): empty")
                .containsPattern(Pattern.quote("<th scope=\"row\">16</th> <td>薬品 (201)</td> <td><span>3 番目の項目 (dose)</span></td>")
                        + " <td lang=\"en\">[^<]*field 3 \\(dose\\): empty");
        Bundle dispenses = pharmacist().get("/fhir/MedicationDispense?subject=Patient/"
                + ingestIds.patientIdFor(pharmacy, localId)).resource(Bundle.class);
        assertThat(dispenses.getEntry()).hasSize(5);
    }

    @Test
    void aFileWithoutPatientRecordIsQuarantinedAndNothingIsStored() throws IOException {
        String localId = DeskSupport.newLocalId("NB");
        String text = new String(Files.readAllBytes(NOTEBOOK), "windows-31j");
        String withoutPatient = Pattern.compile("^1,[^\r\n]*\r\n", Pattern.MULTILINE).matcher(text).replaceFirst("");
        assertThat(withoutPatient).isNotEqualTo(text);
        PortalBrowser browser = desk.loggedIn(pharmacy, Profession.PHARMACIST);
        Page form = browser.get(PATH);

        Page result = DeskSupport.postMultipart(browser, PATH, form, List.of(field("eventNumber", ""),
                field("patientId", localId), file("file", "no-patient.txt", withoutPatient.getBytes("windows-31j"))));

        assertThat(result.status()).as(result.body()).isEqualTo(422);
        assertThat(result.body()).contains("このファイルは取り込めなかったため、隔離しました。")
                .contains("このファイルの内容は何も保存していません。")
                .contains("no patient record (1); every TC file names its patient")
                .doesNotContain("ファイルを取り込みました。");
        Bundle dispenses = pharmacist().get("/fhir/MedicationDispense?subject=Patient/"
                + ingestIds.patientIdFor(pharmacy, localId)).resource(Bundle.class);
        assertThat(dispenses.getEntry()).isEmpty();
    }

    @Test
    void aTooLargeFileIsRefusedWithAJapaneseSentence() {
        PortalBrowser browser = desk.loggedIn(pharmacy, Profession.PHARMACIST);
        Page form = browser.get(PATH);

        Page refused = DeskSupport.postMultipart(browser, PATH, form, List.of(field("patientId", "P-1"),
                file("file", "big.txt", new byte[JahisUpload.MAX_BYTES + 1])));

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.body()).contains("ファイルが大きすぎます。1024 KB までのファイルを選んでください。");
    }

    @Test
    void aPharmacistOfAClinicAndADoctorAreRefusedAndNothingIsStored() throws IOException {
        String clinic = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        PortalBrowser clinicPharmacist = desk.loggedIn(clinic, Profession.PHARMACIST);
        PortalBrowser pharmacyBrowser = desk.loggedIn(pharmacy, Profession.PHARMACIST);
        Page ownForm = pharmacyBrowser.get(PATH);
        String localId = DeskSupport.newLocalId("NB");

        Page get = clinicPharmacist.get(PATH);
        // the CSRF token of a page the clinic's pharmacist may open, for the POST
        Page post = DeskSupport.postMultipart(clinicPharmacist, PATH, clinicPharmacist.get("/portal/patients"),
                List.of(field("patientId", localId), file("file", "notebook.txt", Files.readAllBytes(NOTEBOOK))));
        PortalBrowser doctor = desk.loggedIn(clinic, Profession.DOCTOR);
        Page doctorGet = doctor.get(PATH);

        for (Page refused : List.of(get, post, doctorGet)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.body()).contains("この操作はできません").doesNotContain("お薬手帳ファイルの取り込み");
        }
        // the menu follows the role rule
        assertThat(clinicPharmacist.get("/portal/patients").body()).contains("href=\"/portal/pharmacy/notebook\"");
        assertThat(doctor.get("/portal/patients").body()).doesNotContain("/portal/pharmacy/notebook");
        assertThat(ownForm.status()).isEqualTo(200);
        Bundle dispenses = person(clinic, Profession.DOCTOR).get("/fhir/MedicationDispense?subject=Patient/"
                + ingestIds.patientIdFor(clinic, localId)).resource(Bundle.class);
        assertThat(dispenses.getEntry()).isEmpty();
    }

    private FhirHttp pharmacist() {
        return person(pharmacy, Profession.PHARMACIST);
    }

    private FhirHttp person(String facilityId, Profession profession) {
        return FhirHttp.forHub(port, HubIntegrationTest.HOME)
                .withToken(TestPeople.loggedIn(context, facilityId, profession, false));
    }

    /** A count row of the result table, whitespace-insensitive. */
    private static String row(String label, String count) {
        return Pattern.quote("<th scope=\"row\">" + label + "</th> <td>" + count + "</td>");
    }

    private static String oneLine(String html) {
        return html.replaceAll(">\\s+<", "> <");
    }
}
