package jp.renkei.hub.app.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.facility.AeTitle;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityApplication;
import jp.renkei.hub.core.facility.FacilityContact;
import jp.renkei.hub.core.facility.FacilityDetails;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.facility.MedicalInstitutionCode;
import jp.renkei.hub.core.facility.PostalAddress;
import jp.renkei.hub.core.patient.PatientEnrolment;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.Element;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Value;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.file.DicomFile;
import jp.renkei.hub.dicom.file.FileMetaInformation;
import jp.renkei.hub.dicom.file.HubUids;
import jp.renkei.hub.dicom.server.DicomBridgeConfig;
import jp.renkei.hub.dicom.store.ImageIndex;
import jp.renkei.hub.fhir.HubSystems;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A second read end to end: the demo hospital's PACS stores a health-checkup chest study with DCMTK's storescu;
 * a hospital doctor asks a reading centre for a second read; the centre's radiologist sees it de-identified on the
 * worklist, claims it, downloads the de-identified instances and a preview, and signs a report; the hospital sees
 * the report as a DiagnosticReport about its own patient and ImagingStudy, checks the signature and acknowledges.
 * Wrong facilities, wrong roles and invalid moves are refused with precise messages.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecondReadIT {

    private static final String PACS = DemoFacility.HOSPITAL.aeTitles().get(0);
    private static final String PATIENT_ID = "SR-IT-4711";
    private static final String NAME = "Sakura^Hanako=佐倉^花子";
    private static final String BIRTH = "19580317";
    private static final String ACCESSION = "ACC-SR-2026-99";
    private static final String INSTITUTION = "Fukushima Chuo Kenshin Center";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    DicomBridgeConfig.DicomListener listener;
    @Autowired
    ImageIndex index;
    @Autowired
    DaoRegistry daos;
    @Autowired
    JdbcClient jdbc;

    String hospitalId;
    String centreId;
    String eventNumber;
    String studyUid;
    List<String> originalUids = new ArrayList<>();
    FhirHttp hospitalDoctor;
    FhirHttp hospitalClerk;
    FhirHttp clinicDoctor;
    FhirHttp clinicRadiologist;
    FhirHttp radiologist;
    FhirHttp otherRadiologist;
    FhirHttp centreDoctor;

    @BeforeAll
    void setUp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/storescu")),
                "DCMTK's storescu is not installed (apt-get install dcmtk): second-read test skipped");
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        String clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        FacilityRegistry registry = context.getBean(FacilityRegistry.class);
        Facility centre = registry.apply(new FacilityApplication(FacilityKind.CLINIC,
                new MedicalInstitutionCode("0710300019"), new FacilityDetails("県北画像診断センター",
                "ケンポクガゾウシンダンセンター", new PostalAddress("960-8031", "福島県", "福島市", "栄町5-5"), "県北",
                new FacilityContact("024-000-0055", null), List.of(new AeTitle("KENPOKU_RAD")))), "second-read-it");
        registry.changeStatus(centre.id(), FacilityStatus.APPROVED, null, "second-read-it");
        registry.changeStatus(centre.id(), FacilityStatus.ACTIVE, null, "second-read-it");
        centreId = centre.id();

        FhirHttp http = FhirHttp.forHub(port, HubIntegrationTest.HOME);
        hospitalDoctor = http.withToken(TestPeople.loggedIn(context, hospitalId, Profession.DOCTOR, false));
        hospitalClerk = http.withToken(TestPeople.loggedIn(context, hospitalId, Profession.CLERK, false));
        clinicDoctor = http.withToken(TestPeople.loggedIn(context, clinicId, Profession.DOCTOR, false));
        clinicRadiologist = http.withToken(TestPeople.loggedIn(context, clinicId, Profession.RADIOLOGIST, false));
        radiologist = http.withToken(TestPeople.loggedIn(context, centreId, Profession.RADIOLOGIST, false));
        otherRadiologist = http.withToken(TestPeople.loggedIn(context, centreId, Profession.RADIOLOGIST, false));
        centreDoctor = http.withToken(TestPeople.loggedIn(context, centreId, Profession.DOCTOR, false));

        studyUid = HubUids.random();
        String seriesUid = HubUids.random();
        Path dir = Files.createTempDirectory("second-read-it");
        Path clean = chestRadiograph(dir, studyUid, seriesUid, 1, false);
        Path burnedIn = chestRadiograph(dir, studyUid, seriesUid, 2, true);
        originalUids.add(studyUid);
        originalUids.add(seriesUid);
        Process storescu = new ProcessBuilder("storescu", "-aet", PACS, "-aec", "RENKEIHUB", "127.0.0.1",
                Integer.toString(listener.port()), clean.toString(), burnedIn.toString()).redirectErrorStream(true).start();
        String output = new String(storescu.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(storescu.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(storescu.exitValue()).as(output).isZero();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (index.study(studyUid).map(ImageIndex.Study::imagingStudyId).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(index.study(studyUid).orElseThrow().imagingStudyId()).as("ImagingStudy written").isNotNull();
        eventNumber = context.getBean(PatientEnrolment.class).enrol(hospitalId, PATIENT_ID,
                new HubPrincipal(HubPrincipal.Kind.PERSON, "second-read-it", "IT", hospitalId, Set.of(HubRole.CLERK)))
                .eventNumber().formatted();
    }

    @Test
    void aSecondReadGoesFromRequestToAcknowledgedWithoutTheReaderEverSeeingWhoThePatientIs() throws Exception {
        // --- the hospital asks ---
        FhirHttp.Response refused = hospitalDoctor.postJson("/api/second-reads/requests",
                request("Nodule? patient " + PATIENT_ID));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("question").contains("must not contain the patient's name");
        assertThat(hospitalDoctor.postJson("/api/second-reads/requests", request("Nodule? " + eventNumber)).status())
                .isEqualTo(400);
        assertThat(hospitalClerk.postJson("/api/second-reads/requests", request("q")).status()).isEqualTo(403);
        FhirHttp.Response notTheirs = clinicDoctor.postJson("/api/second-reads/requests", request("q"));
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(notTheirs.body()).contains("among the studies of facility");

        FhirHttp.Response created = hospitalDoctor.postJson("/api/second-reads/requests",
                request("健診胸部X線: 右上肺野の結節影の有無について二次読影をお願いします"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode requested = JSON.readTree(created.body());
        String id = requested.get("id").asText();
        String pseudonym = requested.get("pseudonym").asText();
        assertThat(requested.get("status").asText()).isEqualTo("REQUESTED");
        assertThat(requested.get("studyInstanceUid").asText()).isEqualTo(studyUid);
        assertThat(requested.get("readingFacilityName").asText()).isEqualTo("県北画像診断センター");
        assertThat(pseudonym).startsWith("RH-").doesNotContain(eventNumber.replace("-", ""));

        // --- the reading centre's worklist: de-identified ---
        FhirHttp.Response worklist = radiologist.get("/api/second-reads/worklist", "application/json");
        assertThat(worklist.status()).as(worklist.body()).isEqualTo(200);
        JsonNode item = find(JSON.readTree(worklist.body()), id);
        assertThat(item.get("pseudonym").asText()).isEqualTo(pseudonym);
        assertThat(item.get("modalities").toString()).contains("CR");
        assertThat(item.get("bodyParts").toString()).contains("CHEST");
        assertThat(item.get("studyDate").asText()).isEqualTo("20260401");
        assertThat(item.get("question").asText()).contains("結節影");
        assertNothingIdentifying(worklist.body());
        assertThat(worklist.body()).doesNotContain(hospitalId).doesNotContain("福島中央");

        assertThat(find(JSON.readTree(clinicRadiologist.get("/api/second-reads/worklist", "application/json").body()),
                id)).as("another facility's radiologist").isNull();
        assertThat(clinicRadiologist.get("/api/second-reads/worklist/" + id, "application/json").status()).isEqualTo(404);
        assertThat(centreDoctor.get("/api/second-reads/worklist", "application/json").status()).isEqualTo(403);
        assertThat(radiologist.get("/api/second-reads/requests/" + id, "application/json").status())
                .as("the reader cannot open the requester's view").isEqualTo(404);
        assertThat(JSON.readTree(radiologist.get("/api/second-reads/requests", "application/json").body()).size())
                .isZero();

        FhirHttp.Response early = radiologist.get("/api/second-reads/worklist/" + id + "/instances", "application/json");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body()).contains("is REQUESTED").contains("once it is claimed");

        // --- claiming ---
        FhirHttp.Response claimed = radiologist.postJson("/api/second-reads/worklist/" + id + "/claim", "");
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
        assertThat(JSON.readTree(claimed.body()).get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(JSON.readTree(claimed.body()).get("claimedByMe").asBoolean()).isTrue();
        FhirHttp.Response twice = otherRadiologist.postJson("/api/second-reads/worklist/" + id + "/claim", "");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body()).contains("is IN_PROGRESS; only a REQUESTED second read can be claimed");
        FhirHttp.Response lateCancel = hospitalDoctor.postJson("/api/second-reads/requests/" + id + "/cancel", "");
        assertThat(lateCancel.status()).isEqualTo(409);
        assertThat(lateCancel.body()).contains("only a REQUESTED second read can be cancelled");

        // --- the de-identified images ---
        assertThat(otherRadiologist.get("/api/second-reads/worklist/" + id + "/instances", "application/json").status())
                .isEqualTo(403);
        FhirHttp.Response listed = radiologist.get("/api/second-reads/worklist/" + id + "/instances", "application/json");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertNothingIdentifying(listed.body());
        JsonNode instances = JSON.readTree(listed.body());
        assertThat(instances.size()).isEqualTo(2);
        JsonNode releasable = null;
        JsonNode withheld = null;
        for (JsonNode instance : instances) {
            if (instance.get("releasable").asBoolean()) {
                releasable = instance;
            } else {
                withheld = instance;
            }
        }
        assertThat(releasable).isNotNull();
        assertThat(withheld).isNotNull();
        assertThat(withheld.get("refusal").asText()).contains("burned-in annotation");
        FhirHttp.Response burned = radiologist.get(withheld.get("file").asText(), "application/json");
        assertThat(burned.status()).isEqualTo(409);
        assertThat(burned.body()).contains("is not released").contains("burned-in annotation");

        FhirHttp.BinaryResponse file = radiologist.getBytes(releasable.get("file").asText());
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.contentType()).isEqualTo("application/dicom");
        DicomFile.Parsed parsed = DicomFile.read(new ByteArrayInputStream(file.body()), Long.MAX_VALUE);
        assertThat(parsed.dataSet().string(Tag.PATIENT_ID)).contains(pseudonym);
        assertThat(parsed.dataSet().string(Tag.SOP_INSTANCE_UID)).contains(releasable.get("sopInstanceUid").asText());
        assertThat(parsed.dataSet().string(Tag.STUDY_INSTANCE_UID)).contains(item.get("studyInstanceUid").asText());
        assertThat(parsed.dataSet().string(0x00120062)).contains("YES");
        for (String text : allText(parsed.dataSet())) {
            assertNothingIdentifying(text);
        }
        assertNothingIdentifying(new String(file.body(), StandardCharsets.ISO_8859_1));
        assertThat(parsed.dataSet().elements()).noneMatch(e -> Tag.isPrivate(e.tag()));

        FhirHttp.BinaryResponse preview = radiologist.getBytes(releasable.get("preview").asText());
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.contentType()).isEqualTo("image/png");
        assertThat(ImageIO.read(new ByteArrayInputStream(preview.body())).getWidth()).isEqualTo(16);

        // --- the report ---
        String report = "{\"conclusion\":\"右上肺野に結節影なし。経過観察不要。\",\"findings\":\"両肺野に明らかな結節影、浸潤影を認めない。\"}";
        FhirHttp.Response notMine = otherRadiologist.postJson("/api/second-reads/worklist/" + id + "/report", report);
        assertThat(notMine.status()).isEqualTo(403);
        assertThat(notMine.body()).contains("claimed by another radiologist");
        FhirHttp.Response empty = radiologist.postJson("/api/second-reads/worklist/" + id + "/report",
                "{\"findings\":\"x\"}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("conclusion: is required");
        assertThat(hospitalDoctor.postJson("/api/second-reads/requests/" + id + "/acknowledge", "").body())
                .contains("is IN_PROGRESS; only a REPORTED second read can be acknowledged");
        FhirHttp.Response reported = radiologist.postJson("/api/second-reads/worklist/" + id + "/report", report);
        assertThat(reported.status()).as(reported.body()).isEqualTo(200);
        assertThat(JSON.readTree(reported.body()).get("status").asText()).isEqualTo("REPORTED");
        assertNothingIdentifying(reported.body());

        // --- the hospital sees it re-identified: its own patient and ImagingStudy ---
        JsonNode status = JSON.readTree(hospitalDoctor.get("/api/second-reads/requests/" + id, "application/json").body());
        assertThat(status.get("status").asText()).isEqualTo("REPORTED");
        String reportId = status.get("diagnosticReportId").asText();
        FhirHttp.Response fhirReport = hospitalDoctor.get("/api/second-reads/requests/" + id + "/report");
        assertThat(fhirReport.status()).as(fhirReport.body()).isEqualTo(200);
        DiagnosticReport diagnostic = fhirReport.resource(DiagnosticReport.class);
        String imagingStudyId = index.study(studyUid).orElseThrow().imagingStudyId();
        assertThat(diagnostic.getImagingStudyFirstRep().getReference()).isEqualTo("ImagingStudy/" + imagingStudyId);
        var imagingStudy = daos.getResourceDao(org.hl7.fhir.r4.model.ImagingStudy.class)
                .read(new IdType("ImagingStudy", imagingStudyId), new SystemRequestDetails());
        assertThat(diagnostic.getSubject().getReference()).isEqualTo(imagingStudy.getSubject().getReference());
        assertThat(diagnostic.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.FINAL);
        assertThat(diagnostic.getConclusion()).isEqualTo("右上肺野に結節影なし。経過観察不要。");
        assertThat(diagnostic.getMeta().getTag(HubSystems.SOURCE_FACILITY, hospitalId)).isNotNull();
        assertThat(diagnostic.getMeta().getTag(HubSystems.READING_FACILITY, centreId)).isNotNull();
        assertThat(diagnostic.getResultsInterpreterFirstRep().getIdentifier().getSystem()).isEqualTo(HubSystems.PERSON);
        assertThat(diagnostic.getIdentifierFirstRep().getValue()).isEqualTo(id);
        FhirHttp.Response direct = hospitalDoctor.get("/fhir/DiagnosticReport/" + reportId);
        assertThat(direct.status()).as("the hospital's own data on /fhir: " + direct.body()).isEqualTo(200);
        JsonNode signature = JSON.readTree(hospitalDoctor.get("/api/second-reads/requests/" + id
                + "/report/signature", "application/json").body());
        assertThat(signature.get("valid").asBoolean()).isTrue();
        assertThat(signature.get("signerId").asText()).isEqualTo(diagnostic.getResultsInterpreterFirstRep()
                .getIdentifier().getValue());
        var provenance = daos.getResourceDao(org.hl7.fhir.r4.model.Provenance.class).read(
                new IdType("Provenance", signature.get("provenanceId").asText()), new SystemRequestDetails());
        assertThat(provenance.getTargetFirstRep().getReference()).isEqualTo("DiagnosticReport/" + reportId);
        assertThat(provenance.getSignatureFirstRep().getData()).isNotEmpty();

        FhirHttp.Response acknowledged = hospitalDoctor.postJson("/api/second-reads/requests/" + id + "/acknowledge", "");
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        assertThat(JSON.readTree(acknowledged.body()).get("status").asText()).isEqualTo("ACKNOWLEDGED");
        FhirHttp.Response again = hospitalDoctor.postJson("/api/second-reads/requests/" + id + "/acknowledge", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("is ACKNOWLEDGED; only a REPORTED second read can be acknowledged");
        assertThat(find(JSON.readTree(radiologist.get("/api/second-reads/worklist", "application/json").body()), id))
                .as("finished requests leave the open worklist").isNull();
        assertThat(find(JSON.readTree(radiologist.get("/api/second-reads/worklist?all=true", "application/json")
                .body()), id).get("status").asText()).isEqualTo("ACKNOWLEDGED");

        List<String> audited = jdbc.sql("SELECT detail FROM hub.audit_event WHERE resource = :resource ORDER BY seq")
                .param("resource", "second-read/" + id).query(String.class).list();
        assertThat(audited).hasSize(4);
        assertThat(audited.get(0)).contains("REQUESTED");
        assertThat(audited.get(3)).contains("REPORTED -> ACKNOWLEDGED");

        // a report changed behind the hub's back no longer matches its signature
        DiagnosticReport tampered = daos.getResourceDao(DiagnosticReport.class)
                .read(new IdType("DiagnosticReport", reportId), new SystemRequestDetails());
        tampered.setConclusion("右上肺野に結節影あり。");
        daos.getResourceDao(DiagnosticReport.class).update(tampered, new SystemRequestDetails());
        assertThat(JSON.readTree(hospitalDoctor.get("/api/second-reads/requests/" + id + "/report/signature",
                "application/json").body()).get("valid").asBoolean()).isFalse();
    }

    @Test
    void aRequestNobodyClaimedCanBeCancelledAndThenNotClaimed() throws Exception {
        JsonNode created = JSON.readTree(hospitalDoctor.postJson("/api/second-reads/requests",
                request("比較読影をお願いします")).body());
        String id = created.get("id").asText();
        FhirHttp.Response byReader = radiologist.postJson("/api/second-reads/requests/" + id + "/cancel", "");
        assertThat(byReader.status()).as("only the requesting facility cancels").isEqualTo(404);
        FhirHttp.Response cancelled = hospitalDoctor.postJson("/api/second-reads/requests/" + id + "/cancel", "");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(JSON.readTree(cancelled.body()).get("status").asText()).isEqualTo("CANCELLED");
        FhirHttp.Response claim = radiologist.postJson("/api/second-reads/worklist/" + id + "/claim", "");
        assertThat(claim.status()).isEqualTo(409);
        assertThat(claim.body()).contains("is CANCELLED; only a REQUESTED second read can be claimed");
        assertThat(JSON.readTree(clinicDoctor.get("/api/second-reads/requests", "application/json").body()).toString())
                .as("another facility's requests").doesNotContain(id);
        FhirHttp.Response selfRead = hospitalDoctor.postJson("/api/second-reads/requests",
                "{\"studyInstanceUid\":\"" + studyUid + "\",\"readingFacilityId\":\"" + hospitalId
                        + "\",\"question\":\"q\"}");
        assertThat(selfRead.status()).isEqualTo(400);
        assertThat(selfRead.body()).contains("readingFacilityId").contains("must be another facility");
    }

    private String request(String question) throws IOException {
        return JSON.writeValueAsString(java.util.Map.of("studyInstanceUid", studyUid, "readingFacilityId", centreId,
                "question", question));
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode node : list) {
            if (node.get("id").asText().equals(id)) {
                return node;
            }
        }
        return null;
    }

    private void assertNothingIdentifying(String text) {
        assertThat(text).doesNotContain(PATIENT_ID).doesNotContain("Sakura").doesNotContain("佐倉")
                .doesNotContain(BIRTH).doesNotContain(ACCESSION).doesNotContain(INSTITUTION)
                .doesNotContain(eventNumber).doesNotContain(eventNumber.replace("-", ""));
        for (String uid : originalUids) {
            assertThat(text).doesNotContain(uid);
        }
    }

    private static List<String> allText(DataSet set) {
        List<String> texts = new ArrayList<>();
        for (Element element : set.elements()) {
            if (element.vr().isText()) {
                texts.addAll(set.strings(element.tag()));
            }
            if (element.value() instanceof Value.Items items) {
                items.items().forEach(item -> texts.addAll(allText(item)));
            }
        }
        return texts;
    }

    /** A 16x16 CR chest image with the identifying attributes a PACS sends; optionally burned-in annotation. */
    private Path chestRadiograph(Path dir, String study, String series, int number, boolean burnedIn)
            throws IOException {
        String sop = HubUids.random();
        originalUids.add(sop);
        DataSet set = new DataSet();
        set.setStrings(Tag.SPECIFIC_CHARACTER_SET, Vr.CS, "", "ISO 2022 IR 87");
        set.setStrings(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.1");
        set.setStrings(Tag.SOP_INSTANCE_UID, Vr.UI, sop);
        set.setStrings(Tag.STUDY_DATE, Vr.DA, "20260401");
        set.setStrings(Tag.STUDY_TIME, Vr.TM, "093000");
        set.setStrings(Tag.ACCESSION_NUMBER, Vr.SH, ACCESSION);
        set.setStrings(Tag.MODALITY, Vr.CS, "CR");
        set.setStrings(0x00080080, Vr.LO, INSTITUTION);
        set.setStrings(0x00080090, Vr.PN, "Suzuki^Ichiro");
        set.setStrings(Tag.STUDY_DESCRIPTION, Vr.LO, "胸部単純 健診");
        set.setItems(0x00081140, false, List.of(new DataSet()
                .setStrings(0x00081150, Vr.UI, "1.2.840.10008.5.1.4.1.1.1")
                .setStrings(0x00081155, Vr.UI, sop)));
        set.setStrings(Tag.of(0x0029, 0x0010), Vr.LO, "VENDOR PRIVATE");
        set.setStrings(Tag.of(0x0029, 0x1001), Vr.LO, PATIENT_ID);
        set.setStrings(Tag.PATIENT_NAME, Vr.PN, NAME);
        set.setStrings(Tag.PATIENT_ID, Vr.LO, PATIENT_ID);
        set.setStrings(Tag.PATIENT_BIRTH_DATE, Vr.DA, BIRTH);
        set.setStrings(Tag.PATIENT_SEX, Vr.CS, "F");
        set.setStrings(Tag.BODY_PART_EXAMINED, Vr.CS, "CHEST");
        set.setStrings(Tag.STUDY_INSTANCE_UID, Vr.UI, study);
        set.setStrings(Tag.SERIES_INSTANCE_UID, Vr.UI, series);
        set.setStrings(Tag.STUDY_ID, Vr.SH, "1");
        set.setInt(Tag.SERIES_NUMBER, Vr.IS, 1);
        set.setInt(Tag.INSTANCE_NUMBER, Vr.IS, number);
        set.setInt(Tag.SAMPLES_PER_PIXEL, Vr.US, 1);
        set.setStrings(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2");
        set.setInt(Tag.ROWS, Vr.US, 16);
        set.setInt(Tag.COLUMNS, Vr.US, 16);
        set.setInt(Tag.BITS_ALLOCATED, Vr.US, 16);
        set.setInt(Tag.BITS_STORED, Vr.US, 12);
        set.setInt(Tag.HIGH_BIT, Vr.US, 11);
        set.setInt(Tag.PIXEL_REPRESENTATION, Vr.US, 0);
        if (burnedIn) {
            set.setStrings(0x00280301, Vr.CS, "YES");
        }
        byte[] pixels = new byte[16 * 16 * 2];
        for (int i = 0; i < 256; i++) {
            pixels[2 * i] = (byte) (i * 16);
            pixels[2 * i + 1] = (byte) (i >> 4);
        }
        set.setBytes(Tag.PIXEL_DATA, Vr.OW, pixels);
        Path file = dir.resolve(sop + ".dcm");
        try (OutputStream out = Files.newOutputStream(file)) {
            DicomFile.write(out, FileMetaInformation.byHub("1.2.840.10008.5.1.4.1.1.1", sop,
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), PACS), set);
        }
        return file;
    }
}
