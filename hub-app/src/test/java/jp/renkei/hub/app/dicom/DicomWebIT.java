package jp.renkei.hub.app.dicom;

import static jp.renkei.hub.app.dicom.DicomFixtures.HUB_AE;
import static jp.renkei.hub.app.dicom.DicomFixtures.jpegBaseline;
import static jp.renkei.hub.app.dicom.DicomFixtures.requireDcmtk;
import static jp.renkei.hub.app.dicom.DicomFixtures.run;
import static jp.renkei.hub.app.dicom.DicomFixtures.uncompressed;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.dicom.DicomFixtures.Result;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.ConsentRegistry;
import jp.renkei.hub.consent.ConsentTerms;
import jp.renkei.hub.consent.FacilityScope;
import jp.renkei.hub.consent.ObtainedVia;
import jp.renkei.hub.consent.ValidityPeriod;
import jp.renkei.hub.core.patient.IdentityVerification;
import jp.renkei.hub.core.patient.PatientEnrolment;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Value;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.file.DicomFile;
import jp.renkei.hub.dicom.file.FileMetaInformation;
import jp.renkei.hub.dicom.file.HubUids;
import jp.renkei.hub.dicom.server.DicomBridgeConfig;
import jp.renkei.hub.dicom.store.ImageIndex;
import jp.renkei.hub.dicom.store.ImagingStudyPublisher;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.ImagingStudy;
import jp.renkei.hub.dicom.store.ObjectStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * DICOMweb over the whole hub: the hospital's PACS stores a study (an uncompressed and a JPEG-baseline
 * instance) with storescu; its doctors search it by event number (QIDO-RS), retrieve the stored files
 * unchanged, their metadata and rendered images (WADO-RS); the clinic's doctor sees and gets nothing without
 * the patient's IMAGING consent and the study — PatientID = event number — with it; the hospital's gateway
 * uploads with STOW-RS through the C-STORE store path, failures reported per instance.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomWebIT {

    private static final String PACS = DemoFacility.HOSPITAL.aeTitles().get(0);
    private static final String MULTIPART_DICOM = "multipart/related; type=\"application/dicom\"";
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
    ImagingStudyPublisher publisher;
    @Autowired
    DaoRegistry daos;
    @Autowired
    ObjectStore store;
    @Autowired
    JdbcClient jdbc;

    Path work;
    String hospitalId;
    String clinicId;
    FhirHttp hospitalDoctor;
    FhirHttp clinicDoctor;
    FhirHttp hospitalGateway;

    @BeforeAll
    void setUp() throws Exception {
        requireDcmtk("storescu", "img2dcm", "dcmdump");
        work = Files.createTempDirectory("dicomweb-it");
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        FhirHttp hub = FhirHttp.forHub(port, HubIntegrationTest.HOME);
        hospitalDoctor = hub.withToken(TestPeople.loggedIn(context, hospitalId, Profession.DOCTOR, false));
        clinicDoctor = hub.withToken(TestPeople.loggedIn(context, clinicId, Profession.DOCTOR, false));
        hospitalGateway = FhirHttp.forDevice(port, HubIntegrationTest.HOME,
                HubIntegrationTest.HOME.resolve("demo/hospital-gateway.key"),
                HubIntegrationTest.HOME.resolve("demo/hospital-gateway.crt"));
    }

    /** A study of the hospital's patient {@code patient}, stored by its PACS; the patient enrolled. */
    record Study(String uid, String eventNumber, Path uncompressed, Path jpeg) {
    }

    private Study hospitalStudy(String patient) throws Exception {
        String uid = HubUids.random();
        Path uncompressed = uncompressed(work, uid, patient);
        Path jpeg = jpegBaseline(work, uid, patient);
        Result sent = run("storescu", "-xy", "-aet", PACS, "-aec", HUB_AE, "127.0.0.1",
                Integer.toString(listener.port()), uncompressed.toString(), jpeg.toString());
        assertThat(sent.exit()).as(sent.output()).isZero();
        String eventNumber = context.getBean(PatientEnrolment.class).enrol(hospitalId, patient,
                person(hospitalId)).eventNumber().formatted();
        return new Study(uid, eventNumber, uncompressed, jpeg);
    }

    @Test
    void qidoFindsTheStudyByEventNumberWithItsSeriesAndInstances() throws Exception {
        Study study = hospitalStudy("WEB-IT-1");
        JsonNode found = json(hospitalDoctor.getBytes("/dicomweb/studies?PatientID=" + study.eventNumber(), null));
        assertThat(found).hasSize(1);
        JsonNode match = found.get(0);
        assertThat(value(match, "0020000D")).isEqualTo(study.uid());
        assertThat(value(match, "00100020")).isEqualTo(study.eventNumber());
        assertThat(match.at("/00100010/Value/0/Ideographic").asText()).isEqualTo("山田^太郎");
        assertThat(match.at("/00201208/Value/0").asInt()).isEqualTo(2);
        assertThat(value(match, "00081190")).endsWith("/dicomweb/studies/" + study.uid());

        String byNumber = "/dicomweb/studies?PatientID=" + study.eventNumber();
        assertThat(json(hospitalDoctor.getBytes(byNumber + "&StudyDate=20260101-20261231", null))).hasSize(1);
        assertThat(json(hospitalDoctor.getBytes(byNumber + "&StudyDate=20250101-20251231", null))).isEmpty();
        assertThat(json(hospitalDoctor.getBytes(byNumber + "&ModalitiesInStudy=OT", null))).hasSize(1);
        assertThat(json(hospitalDoctor.getBytes(byNumber + "&ModalitiesInStudy=CT", null))).isEmpty();
        assertThat(json(hospitalDoctor.getBytes(byNumber + "&StudyInstanceUID=" + study.uid(), null))).hasSize(1);
        assertThat(json(hospitalDoctor.getBytes(byNumber + "&offset=1", null))).isEmpty();
        // The hospital's own local ID finds its own study too; it is shown as given.
        assertThat(value(json(hospitalDoctor.getBytes("/dicomweb/studies?00100020=WEB-IT-1", null)).get(0),
                "00100020")).isEqualTo("WEB-IT-1");

        JsonNode series = json(hospitalDoctor.getBytes("/dicomweb/studies/" + study.uid() + "/series", null));
        assertThat(series).hasSize(2);
        String seriesUid = value(series.get(0), "0020000E");
        JsonNode instances = json(hospitalDoctor.getBytes("/dicomweb/studies/" + study.uid() + "/series/"
                + seriesUid + "/instances", null));
        assertThat(instances).hasSize(1);
        assertThat(value(instances.get(0), "00081190")).contains("/series/" + seriesUid + "/instances/");

        FhirHttp.BinaryResponse unknownKey = hospitalDoctor.getBytes("/dicomweb/studies?PatientName=Yamada", null);
        assertThat(unknownKey.status()).isEqualTo(400);
        assertThat(unknownKey.contentType()).startsWith("application/problem+json");
        assertThat(new String(unknownKey.body(), StandardCharsets.UTF_8)).contains("PatientName");
    }

    @Test
    void wadoReturnsTheStoredFilesMetadataAndRenderedImages() throws Exception {
        Study study = hospitalStudy("WEB-IT-2");
        FhirHttp.BinaryResponse all = hospitalDoctor.getBytes("/dicomweb/studies/" + study.uid(), MULTIPART_DICOM);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.contentType()).startsWith("multipart/related").contains("application/dicom");
        List<byte[]> parts = parts(all);
        assertThat(parts).hasSize(2);
        List<byte[]> storedFiles = new ArrayList<>();
        for (ImageIndex.Series series : index.series(study.uid())) {
            for (ImageIndex.Instance instance : index.instances(series.seriesUid())) {
                try (InputStream in = store.open(instance.storageKey())) {
                    storedFiles.add(in.readAllBytes());
                }
            }
        }
        // The owner gets the stored files byte for byte.
        assertThat(parts).anySatisfy(p -> assertThat(p).isEqualTo(storedFiles.get(0)))
                .anySatisfy(p -> assertThat(p).isEqualTo(storedFiles.get(1)));

        JsonNode metadata = json(hospitalDoctor.getBytes("/dicomweb/studies/" + study.uid() + "/metadata", null));
        assertThat(metadata).hasSize(2);
        for (JsonNode instance : metadata) {
            assertThat(instance.has("00080018")).isTrue();
            assertThat(instance.has("7FE00010")).as("bulk pixel data left out").isFalse();
            assertThat(value(instance, "0020000D")).isEqualTo(study.uid());
        }

        String uncompressedPath = instancePath(study.uid(), study.uncompressed());
        FhirHttp.BinaryResponse png = hospitalDoctor.getBytes(uncompressedPath + "/rendered", "image/png");
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.contentType()).isEqualTo("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(image.getWidth()).isEqualTo(8);
        // No window in the data set: the frame's minimum (0) to maximum (252) spans black to white.
        assertThat(image.getRaster().getSample(0, 0, 0)).isZero();
        assertThat(image.getRaster().getSample(7, 7, 0)).isEqualTo(255);
        assertThat(image.getRaster().getSample(0, 4, 0)).isBetween(125, 131);

        String jpegPath = instancePath(study.uid(), study.jpeg());
        FhirHttp.BinaryResponse jpeg = hospitalDoctor.getBytes(jpegPath + "/rendered", "image/jpeg");
        assertThat(jpeg.status()).isEqualTo(200);
        assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
        // JPEG baseline goes out as it was stored: the bytes of the encapsulated frame.
        DataSet stored;
        try (InputStream in = Files.newInputStream(study.jpeg())) {
            stored = DicomFile.read(in, Long.MAX_VALUE).dataSet();
        }
        List<byte[]> fragments = ((Value.Fragments) stored.get(Tag.PIXEL_DATA).orElseThrow().value()).fragments();
        assertThat(jpeg.body()).isEqualTo(fragments.get(1));
        FhirHttp.BinaryResponse thumbnail = hospitalDoctor.getBytes(jpegPath + "/thumbnail", "image/png");
        assertThat(thumbnail.contentType()).isEqualTo("image/png");
        assertThat(ImageIO.read(new ByteArrayInputStream(thumbnail.body())).getWidth()).isEqualTo(16);

        FhirHttp.BinaryResponse notFound = hospitalDoctor.getBytes("/dicomweb/studies/" + HubUids.random(),
                MULTIPART_DICOM);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theClinicSeesTheHospitalsStudyOnlyWithAnImagingConsent() throws Exception {
        Study study = hospitalStudy("WEB-IT-3");
        context.getBean(PatientEnrolment.class).link(clinicId, "C-WEB-3", study.eventNumber(),
                IdentityVerification.CARD, "referral letter", person(clinicId));
        String search = "/dicomweb/studies?PatientID=" + study.eventNumber();

        assertThat(json(clinicDoctor.getBytes(search, null))).isEmpty();
        for (String path : List.of("/dicomweb/studies/" + study.uid(), "/dicomweb/studies/" + study.uid()
                + "/metadata", "/dicomweb/studies/" + study.uid() + "/series")) {
            FhirHttp.BinaryResponse refused = clinicDoctor.getBytes(path, null);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("IMAGING consent")
                    .doesNotContain("WEB-IT-3");
        }

        context.getBean(ConsentRegistry.class).record(study.eventNumber(), ConsentCategory.IMAGING,
                new ConsentTerms(FacilityScope.only(Set.of(clinicId)), FacilityScope.everyFacility(),
                        new ValidityPeriod(Instant.now().minus(1, ChronoUnit.HOURS), null), ObtainedVia.ELECTRONIC),
                null, person(clinicId));

        JsonNode found = json(clinicDoctor.getBytes(search, null));
        assertThat(found).hasSize(1);
        assertThat(value(found.get(0), "00100020")).isEqualTo(study.eventNumber());
        List<byte[]> parts = parts(clinicDoctor.getBytes("/dicomweb/studies/" + study.uid(), MULTIPART_DICOM));
        assertThat(parts).hasSize(2);
        for (byte[] part : parts) {
            DataSet set = DicomFile.read(new ByteArrayInputStream(part), Long.MAX_VALUE).dataSet();
            assertThat(set.string(Tag.PATIENT_ID)).contains(study.eventNumber());
            assertThat(set.string(Tag.STUDY_INSTANCE_UID)).contains(study.uid());
        }
        String metadata = new String(clinicDoctor.getBytes("/dicomweb/studies/" + study.uid() + "/metadata", null)
                .body(), StandardCharsets.UTF_8);
        assertThat(metadata).contains(study.eventNumber()).doesNotContain("WEB-IT-3");
    }

    @Test
    void stowStoresThroughTheStorePathAndReportsEachFailure() throws Exception {
        String studyUid = HubUids.random();
        Path good = uncompressed(work, studyUid, "WEB-IT-4");
        byte[] body = multipart("stow-boundary", Files.readAllBytes(good), "not a DICOM file".getBytes());
        FhirHttp.BinaryResponse stored = hospitalGateway.postBinary("/dicomweb/studies",
                MULTIPART_DICOM + "; boundary=stow-boundary", body);
        assertThat(stored.status()).as(new String(stored.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        assertThat(stored.contentType()).startsWith("application/dicom+json");
        JsonNode answer = JSON.readTree(stored.body());
        assertThat(answer.at("/00081199/Value")).hasSize(1);
        assertThat(answer.at("/00081199/Value/0/00081155/Value/0").asText()).isEqualTo(sopInstance(good));
        assertThat(answer.at("/00081199/Value/0/00081190/Value/0").asText()).contains("/instances/" + sopInstance(good));
        assertThat(answer.at("/00081198/Value")).hasSize(1);
        assertThat(answer.at("/00081198/Value/0/00081197/Value/0").asInt()).isEqualTo(0xC000);
        assertThat(stored.headers().allValues("Warning")).anySatisfy(w -> assertThat(w).contains("not a DICOM file"));
        ImageIndex.Study indexed = index.study(studyUid).orElseThrow();
        assertThat(indexed.facilityId()).isEqualTo(hospitalId);
        assertThat(indexed.numberOfInstances()).isEqualTo(1);

        // Into another study's URL: refused, nothing stored.
        Path other = uncompressed(work, HubUids.random(), "WEB-IT-4");
        FhirHttp.BinaryResponse wrongStudy = hospitalGateway.postBinary("/dicomweb/studies/" + studyUid,
                MULTIPART_DICOM + "; boundary=b2", multipart("b2", Files.readAllBytes(other)));
        assertThat(wrongStudy.status()).isEqualTo(409);
        assertThat(JSON.readTree(wrongStudy.body()).at("/00081198/Value/0/00081197/Value/0").asInt())
                .isEqualTo(0xA900);
        assertThat(index.ownerOfInstance(sopInstance(other))).isEmpty();

        // People do not upload; nobody anonymous does anything.
        assertThat(stow(hospitalDoctor, Files.readAllBytes(other)).status()).isEqualTo(403);
        FhirHttp.BinaryResponse anonymous = FhirHttp.forHub(port, HubIntegrationTest.HOME)
                .getBytes("/dicomweb/studies", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aStowRequestIsIndexedTogetherAndARefusedInstanceUndoesOnlyItself() throws Exception {
        // One request: two instances of a new study, then one of another new study in the first one's series, which
        // the index refuses after it has already written that study's row: the row must go, the other two stay.
        String studyUid = HubUids.random();
        String seriesUid = HubUids.random();
        String strayStudyUid = HubUids.random();
        Path first = DicomFixtures.uncompressed(work, studyUid, seriesUid, "WEB-IT-6");
        Path second = DicomFixtures.uncompressed(work, studyUid, seriesUid, "WEB-IT-6");
        Path stray = DicomFixtures.uncompressed(work, strayStudyUid, seriesUid, "WEB-IT-6");
        FhirHttp.BinaryResponse answer = stow(hospitalGateway, Files.readAllBytes(first),
                Files.readAllBytes(stray), Files.readAllBytes(second));

        assertThat(answer.status()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        JsonNode json = JSON.readTree(answer.body());
        assertThat(json.at("/00081199/Value")).extracting(item -> item.at("/00081155/Value/0").asText())
                .containsExactly(sopInstance(first), sopInstance(second));
        assertThat(json.at("/00081198/Value/0/00081155/Value/0").asText()).isEqualTo(sopInstance(stray));
        assertThat(answer.headers().allValues("Warning"))
                .anySatisfy(w -> assertThat(w).contains(sopInstance(stray)).contains("belongs to another study"));
        assertThat(index.study(studyUid).orElseThrow().numberOfInstances()).isEqualTo(2);
        assertThat(index.study(strayStudyUid)).as("the refused instance's study row, rolled back to its savepoint")
                .isEmpty();
        assertThat(index.ownerOfInstance(sopInstance(stray))).isEmpty();
        // the upload's record, written in the request's audit commit, says what was stored and what was refused
        assertThat(jdbc.sql("SELECT action || ' ' || outcome || ' ' || detail FROM hub.audit_event"
                        + " WHERE resource = 'DICOMweb STOW-RS' AND facility_id = :facility AND detail LIKE :study")
                .param("facility", hospitalId).param("study", "%" + studyUid + "%")
                .query(String.class).list())
                .containsExactly("CREATE FAILED stored 2 instance(s) of studies [" + studyUid + "], refused 1");
    }

    @Test
    void anotherFacilitysInstanceSentAgainInANewStudyIsRefusedAndLeavesNothing() throws Exception {
        String hospitalStudy = HubUids.random();
        Path original = uncompressed(work, hospitalStudy, "WEB-IT-8");
        assertThat(stow(hospitalGateway, Files.readAllBytes(original)).status()).isEqualTo(200);

        // The clinic's gateway sends the same SOP instance UID inside a study of its own, beside one new instance.
        String clinicStudy = HubUids.random();
        String clinicSeries = HubUids.random();
        Path copy = DicomFixtures.uncompressed(work, clinicStudy, clinicSeries, "WEB-IT-8");
        Path own = DicomFixtures.uncompressed(work, clinicStudy, clinicSeries, "WEB-IT-8");
        byte[] sameUid = withSopInstance(copy, sopInstance(original));
        FhirHttp clinicGateway = FhirHttp.forDevice(port, HubIntegrationTest.HOME,
                HubIntegrationTest.HOME.resolve("demo/clinic-gateway.key"),
                HubIntegrationTest.HOME.resolve("demo/clinic-gateway.crt"));
        FhirHttp.BinaryResponse answer = stow(clinicGateway, sameUid, Files.readAllBytes(own));

        assertThat(answer.status()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        JsonNode json = JSON.readTree(answer.body());
        assertThat(json.at("/00081198/Value/0/00081155/Value/0").asText()).isEqualTo(sopInstance(original));
        assertThat(json.at("/00081198/Value/0/00081197/Value/0").asInt()).isEqualTo(0x0124);
        assertThat(json.at("/00081199/Value/0/00081155/Value/0").asText()).isEqualTo(sopInstance(own));
        assertThat(index.ownerOfInstance(sopInstance(original))).contains(hospitalId);
        assertThat(index.study(clinicStudy).orElseThrow().numberOfInstances()).isEqualTo(1);
        assertThat(index.study(hospitalStudy).orElseThrow().numberOfInstances()).isEqualTo(1);
    }

    /** The file's instance under another SOP instance UID (data set and file meta). */
    private static byte[] withSopInstance(Path file, String sopInstance) throws IOException {
        DataSet set;
        try (InputStream in = Files.newInputStream(file)) {
            set = DicomFile.read(in, Long.MAX_VALUE).dataSet();
        }
        set.setStrings(Tag.SOP_INSTANCE_UID, Vr.UI, sopInstance);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomFile.write(out, FileMetaInformation.byHub(set.string(Tag.SOP_CLASS_UID)
                .orElseThrow(), sopInstance, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
                "IT"), set);
        return out.toByteArray();
    }

    @Test
    void anInstanceSentTwiceInOneRequestIsStoredOnceAndKeepsItsFile() throws Exception {
        String studyUid = HubUids.random();
        Path instance = uncompressed(work, studyUid, "WEB-IT-9");
        byte[] bytes = Files.readAllBytes(instance);

        FhirHttp.BinaryResponse answer = stow(hospitalGateway, bytes, bytes);

        assertThat(answer.status()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).at("/00081199/Value")).hasSize(2);
        assertThat(index.study(studyUid).orElseThrow().numberOfInstances()).isEqualTo(1);
        ImageIndex.Instance stored = index.instances(index.series(studyUid).get(0).seriesUid()).get(0);
        try (InputStream in = store.open(stored.storageKey())) {
            assertThat(DicomFile.read(in, Long.MAX_VALUE).dataSet().string(Tag.SOP_INSTANCE_UID))
                    .contains(sopInstance(instance));
        }
    }

    @Test
    void aRepeatedInstanceSharesTheOutcomeOfItsFirstCopy() throws Exception {
        String studyUid = HubUids.random();
        Path first = uncompressed(work, studyUid, "WEB-IT-10");
        assertThat(stow(hospitalGateway, Files.readAllBytes(first)).status()).isEqualTo(200);
        // One instance UID twice in one request: first under another PatientID (refused), then as it should be. Indexed
        // apart, the second copy would be stored although the request refused its UID once: it shares the refusal.
        Path wrongPatient = uncompressed(work, studyUid, "WEB-IT-10-OTHER");
        byte[] rightPatient = withSopInstance(uncompressed(work, studyUid, "WEB-IT-10"), sopInstance(wrongPatient));

        FhirHttp.BinaryResponse answer = stow(hospitalGateway, Files.readAllBytes(wrongPatient), rightPatient);

        assertThat(answer.status()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(409);
        assertThat(JSON.readTree(answer.body()).at("/00081198/Value")).hasSize(2);
        assertThat(index.ownerOfInstance(sopInstance(wrongPatient))).isEmpty();
        assertThat(index.study(studyUid).orElseThrow().numberOfInstances()).isEqualTo(1);
    }

    @Test
    void aStowBodyThatBreaksOffLeavesNothingOfItsParts() throws Exception {
        String studyUid = HubUids.random();
        Path good = uncompressed(work, studyUid, "WEB-IT-7");
        byte[] whole = multipart("cut", Files.readAllBytes(good), Files.readAllBytes(good));
        byte[] cut = Arrays.copyOf(whole, whole.length - 40);

        FhirHttp.BinaryResponse answer = hospitalGateway.postBinary("/dicomweb/studies",
                MULTIPART_DICOM + "; boundary=cut", cut);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("nothing of this request was stored");
        assertThat(index.ownerOfInstance(sopInstance(good))).as("the complete first part is not kept either")
                .isEmpty();
        assertThat(index.study(studyUid)).isEmpty();
    }

    @Test
    void stowRequestsOfOneStudyShareTheirImagingStudyWrites() throws Exception {
        String studyUid = HubUids.random();
        long writesBefore = publisher.work().writes();
        int requests = 6;
        for (int i = 0; i < requests; i++) {
            Path instance = uncompressed(work, studyUid, "WEB-IT-5");
            FhirHttp.BinaryResponse stored = stow(hospitalGateway, Files.readAllBytes(instance));
            assertThat(stored.status()).isEqualTo(200);
        }

        ImagingStudy published = null;
        for (int wait = 0; wait < 100 && (published == null || published.getNumberOfInstances() < requests); wait++) {
            Thread.sleep(100);
            published = index.studyHeader(studyUid).map(ImageIndex.StudyHeader::imagingStudyId)
                    .map(id -> daos.getResourceDao(ImagingStudy.class)
                            .read(new org.hl7.fhir.r4.model.IdType("ImagingStudy", id), new SystemRequestDetails()))
                    .orElse(null);
        }
        assertThat(published).as("the ImagingStudy is written shortly after the uploads").isNotNull();
        assertThat(published.getNumberOfInstances()).isEqualTo(requests);
        assertThat(publisher.work().writes() - writesBefore)
                .as("gathered: fewer ImagingStudy writes than requests (%s ms apart at most)",
                        ImagingStudyPublisher.GATHER.toMillis())
                .isLessThan(requests);
    }

    private static HubPrincipal person(String facilityId) {
        return new HubPrincipal(HubPrincipal.Kind.PERSON, "dicomweb-it", "DICOMweb IT", facilityId,
                Set.of(HubRole.CLERK));
    }

    private String instancePath(String study, Path file) throws IOException {
        String sop = sopInstance(file);
        for (ImageIndex.Series series : index.series(study)) {
            for (ImageIndex.Instance instance : index.instances(series.seriesUid())) {
                if (instance.sopInstanceUid().equals(sop)) {
                    return "/dicomweb/studies/" + study + "/series/" + series.seriesUid() + "/instances/" + sop;
                }
            }
        }
        throw new AssertionError("instance " + sop + " is not indexed");
    }

    private static String sopInstance(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return DicomFile.readHeader(in).mediaStorageSopInstanceUid();
        }
    }

    private static JsonNode json(FhirHttp.BinaryResponse response) throws IOException {
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/dicom+json");
        return JSON.readTree(response.body());
    }

    private static String value(JsonNode attributes, String tag) {
        return attributes.at("/" + tag + "/Value/0").asText();
    }

    /** A STOW-RS request to {@code /dicomweb/studies} with the instances as its parts. */
    private static FhirHttp.BinaryResponse stow(FhirHttp client, byte[]... instances) {
        return client.postBinary("/dicomweb/studies", MULTIPART_DICOM + "; boundary=stow-parts",
                multipart("stow-parts", instances));
    }

    private static byte[] multipart(String boundary, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] content : contents) {
            body.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    /** The contents of a multipart/related response's parts. */
    private static List<byte[]> parts(FhirHttp.BinaryResponse response) {
        assertThat(response.status()).isEqualTo(200);
        String boundary = response.contentType().replaceAll(".*boundary=\"?([^\";]+)\"?.*", "$1");
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[response.body().length + 2];
        body[0] = '\r';
        body[1] = '\n';
        System.arraycopy(response.body(), 0, body, 2, response.body().length);
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + delimiter.length <= body.length; i++) {
            if (Arrays.equals(body, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
                starts.add(i);
            }
        }
        List<byte[]> parts = new ArrayList<>();
        for (int k = 0; k + 1 < starts.size(); k++) {
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), starts.get(k)) + 4;
            parts.add(Arrays.copyOfRange(body, headersEnd, starts.get(k + 1)));
        }
        return parts;
    }

    private static int indexOf(byte[] data, byte[] what, int from) {
        for (int i = from; i + what.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        return -1;
    }
}
