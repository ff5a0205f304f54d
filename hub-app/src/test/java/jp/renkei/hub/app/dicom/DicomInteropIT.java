package jp.renkei.hub.app.dicom;

import static jp.renkei.hub.app.dicom.DicomFixtures.activeClinic;
import static jp.renkei.hub.app.dicom.DicomFixtures.dataSetDump;
import static jp.renkei.hub.app.dicom.DicomFixtures.jpegBaseline;
import static jp.renkei.hub.app.dicom.DicomFixtures.requireDcmtk;
import static jp.renkei.hub.app.dicom.DicomFixtures.run;
import static jp.renkei.hub.app.dicom.DicomFixtures.uncompressed;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.dicom.DicomFixtures.Result;
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
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.file.DicomFile;
import jp.renkei.hub.dicom.file.FileMetaInformation;
import jp.renkei.hub.dicom.file.HubUids;
import jp.renkei.hub.dicom.server.DicomBridgeConfig;
import jp.renkei.hub.dicom.store.ImageIndex;
import jp.renkei.hub.dicom.store.ImagingStudyPublisher;
import jp.renkei.hub.dicom.store.ObjectStore;
import jp.renkei.hub.fhir.HubSystems;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The DICOM bridge with DCMTK as the hospital PACS: echoscu, storescu of an uncompressed and a JPEG-baseline
 * instance (stored, indexed, ImagingStudy written, stored data set identical to the sent one), findscu by event
 * number, and refusal of unknown AE titles and of facilities that are no longer active.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomInteropIT {

    private static final String PACS = DemoFacility.HOSPITAL.aeTitles().get(0);

    @Autowired
    ApplicationContext context;
    @Autowired
    DicomBridgeConfig.DicomListener listener;
    @Autowired
    ImageIndex index;
    @Autowired
    ObjectStore store;
    @Autowired
    DaoRegistry daos;

    Path work;
    String hospitalId;

    @BeforeAll
    void setUp() throws IOException {
        requireDcmtk("echoscu", "storescu", "findscu", "dcmdump", "img2dcm");
        work = Files.createTempDirectory("dicom-it");
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
    }

    @Test
    void echoscuIsAnswered() throws Exception {
        Result echo = run("echoscu", "-v", "-aet", PACS, "-aec", "RENKEIHUB", "127.0.0.1", port());
        assertThat(echo.exit()).as(echo.output()).isZero();
        assertThat(echo.output()).contains("Received Echo Response (Success)");
    }

    @Test
    void storedStudiesAreIndexedPublishedAndFoundByEventNumber() throws Exception {
        String patient = "DCM-IT-1";
        String study = HubUids.random();
        Path uncompressed = uncompressed(work, study, patient);
        Path jpeg = jpegBaseline(work, study, patient);

        Result sent = run("storescu", "-aet", PACS, "-aec", "RENKEIHUB", "127.0.0.1", port(), uncompressed.toString());
        assertThat(sent.exit()).as(sent.output()).isZero();
        // -xy proposes JPEG baseline, so the JPEG instance travels compressed, as it is.
        Result sentJpeg = run("storescu", "-xy", "-aet", PACS, "-aec", "RENKEIHUB", "127.0.0.1", port(),
                jpeg.toString());
        assertThat(sentJpeg.exit()).as(sentJpeg.output()).isZero();

        ImageIndex.Study indexed = index.study(study).orElseThrow();
        assertThat(indexed.facilityId()).isEqualTo(hospitalId);
        assertThat(indexed.numberOfSeries()).isEqualTo(2);
        assertThat(indexed.numberOfInstances()).isEqualTo(2);
        assertThat(indexed.patientName()).isEqualTo("Yamada^Taro=山田^太郎=やまだ^たろう");
        List<String> syntaxes = new ArrayList<>();
        for (ImageIndex.Series series : index.series(study)) {
            for (ImageIndex.Instance instance : index.instances(series.seriesUid())) {
                syntaxes.add(instance.transferSyntaxUid());
                Path stored = work.resolve(instance.sopInstanceUid() + ".stored.dcm");
                try (InputStream in = store.open(instance.storageKey())) {
                    Files.copy(in, stored);
                }
                Path sentFile = syntaxOf(instance).equals(TransferSyntax.JPEG_BASELINE) ? jpeg : uncompressed;
                assertThat(dataSetDump(stored)).as("dcmdump of the stored data set").isEqualTo(dataSetDump(sentFile));
            }
        }
        assertThat(syntaxes).containsExactlyInAnyOrder(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
                TransferSyntax.JPEG_BASELINE.uid());

        ImagingStudy imaging = imagingStudy(study);
        assertThat(imaging.getMeta().hasProfile(ImagingStudyPublisher.PROFILE)).isTrue();
        assertThat(imaging.getMeta().getTag(HubSystems.SOURCE_FACILITY, hospitalId)).isNotNull();
        assertThat(imaging.getNumberOfSeries()).isEqualTo(2);
        assertThat(imaging.getNumberOfInstances()).isEqualTo(2);
        assertThat(imaging.getSubject().getReference()).startsWith("Patient/");

        // Sending the same instances again changes nothing.
        Result again = run("storescu", "-aet", PACS, "-aec", "RENKEIHUB", "127.0.0.1", port(), uncompressed.toString());
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(index.study(study).orElseThrow().numberOfInstances()).isEqualTo(2);

        String eventNumber = context.getBean(PatientEnrolment.class).enrol(hospitalId, patient,
                new HubPrincipal(HubPrincipal.Kind.PERSON, "dicom-it", "DICOM IT", hospitalId,
                        Set.of(HubRole.CLERK))).eventNumber().formatted();
        Result found = run("findscu", "-S", "-aet", PACS, "-aec", "RENKEIHUB", "127.0.0.1", port(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientID=" + eventNumber, "-k", "StudyInstanceUID",
                "-k", "NumberOfStudyRelatedInstances", "-k", "PatientName");
        assertThat(found.exit()).as(found.output()).isZero();
        assertThat(found.output()).contains(study).contains(eventNumber);
        assertThat(found.output()).doesNotContain(patient);

        Result series = run("findscu", "-S", "-aet", PACS, "-aec", "RENKEIHUB", "127.0.0.1", port(),
                "-k", "QueryRetrieveLevel=SERIES", "-k", "PatientID=" + eventNumber, "-k", "StudyInstanceUID=" + study,
                "-k", "SeriesInstanceUID", "-k", "Modality");
        assertThat(series.exit()).as(series.output()).isZero();
        assertThat(series.output().split("Find Response").length - 1).as(series.output()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void unknownCallingAeIsRejected() throws Exception {
        Path file = uncompressed(work, HubUids.random(), "DCM-IT-2");
        Result sent = run("storescu", "-aet", "NOBODY_KNOWS", "-aec", "RENKEIHUB", "127.0.0.1", port(), file.toString());
        assertThat(sent.exit()).isNotZero();
        assertThat(sent.output()).contains("Calling AE Title Not Recognized");
    }

    @Test
    void wrongCalledAeIsRejected() throws Exception {
        Result echo = run("echoscu", "-aet", PACS, "-aec", "NOT_THE_HUB", "127.0.0.1", port());
        assertThat(echo.exit()).isNotZero();
        assertThat(echo.output()).contains("Called AE Title Not Recognized");
    }

    @Test
    void aSuspendedFacilityCanNoLongerStore() throws Exception {
        FacilityRegistry registry = context.getBean(FacilityRegistry.class);
        Facility clinic = activeClinic(registry, "0710200031", "画像テスト医院", "IT_CLINIC_PACS");
        String study = HubUids.random();
        Result active = run("storescu", "-aet", "IT_CLINIC_PACS", "-aec", "RENKEIHUB", "127.0.0.1", port(),
                uncompressed(work, study, "C-IT-1").toString());
        assertThat(active.exit()).as(active.output()).isZero();
        assertThat(index.study(study)).isPresent();

        registry.changeStatus(clinic.id(), FacilityStatus.SUSPENDED, "contract under review", "dicom-it");
        String refusedStudy = HubUids.random();
        Result suspended = run("storescu", "-aet", "IT_CLINIC_PACS", "-aec", "RENKEIHUB", "127.0.0.1", port(),
                uncompressed(work, refusedStudy, "C-IT-1").toString());
        assertThat(suspended.exit()).isNotZero();
        assertThat(suspended.output()).contains("Calling AE Title Not Recognized");
        assertThat(index.study(refusedStudy)).isEmpty();
    }

    @Test
    void aFacilitySuspendedDuringAnAssociationCanNoLongerStoreOnIt() throws Exception {
        FacilityRegistry registry = context.getBean(FacilityRegistry.class);
        Facility clinic = activeClinic(registry, "0710200049", "画像途中停止医院", "IT_MIDWAY_PACS");
        String study = HubUids.random();
        DicomFile.Parsed first = parse(uncompressed(work, study, "M-IT-1"));
        DicomFile.Parsed second = parse(uncompressed(work, study, "M-IT-1"));
        try (RawStoreScu scu = new RawStoreScu(listener.port(), "IT_MIDWAY_PACS", "1.2.840.10008.5.1.4.1.1.7")) {
            assertThat(scu.store(first.meta().mediaStorageSopInstanceUid(), encode(first))).isZero();
            registry.changeStatus(clinic.id(), FacilityStatus.SUSPENDED, "suspended mid-association", "dicom-it");
            // Same association, next instance: the status is checked again and the instance refused.
            assertThat(scu.store(second.meta().mediaStorageSopInstanceUid(), encode(second))).isEqualTo(0x0124);
        }
        assertThat(index.ownerOfInstance(first.meta().mediaStorageSopInstanceUid())).contains(clinic.id());
        assertThat(index.ownerOfInstance(second.meta().mediaStorageSopInstanceUid())).isEmpty();
        assertThat(index.study(study).orElseThrow().numberOfInstances()).isEqualTo(1);
    }

    private static DicomFile.Parsed parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return DicomFile.read(in, Long.MAX_VALUE);
        }
    }

    private static byte[] encode(DicomFile.Parsed parsed) {
        return jp.renkei.hub.dicom.encoding.DicomWriter.encode(parsed.dataSet(), true);
    }

    @Test
    void corruptDataSetsAreRefusedLeavingNoFileAndNoIndexRow() throws Exception {
        String study = HubUids.random();
        Path file = uncompressed(work, study, "DCM-IT-3");
        DicomFile.Parsed parsed = parse(file);
        byte[] whole = encode(parsed);
        String sopClass = parsed.meta().mediaStorageSopClassUid();
        String sop = parsed.meta().mediaStorageSopInstanceUid();
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 10);
        byte[] badVr = whole.clone();
        badVr[4] = 'Z';
        badVr[5] = 'Z';
        for (byte[] corrupt : List.of(truncated, badVr)) {
            int status = RawStoreScu.store(listener.port(), PACS, sopClass, sop, corrupt);
            assertThat(status).isEqualTo(0xC000);
        }
        assertThat(index.study(study)).isEmpty();
        assertThat(index.ownerOfInstance(sop)).isEmpty();
        assertThat(Files.exists(HubIntegrationTest.HOME.resolve("dicom/objects").resolve(study))).isFalse();

        // The same association machinery then stores the intact instance.
        assertThat(RawStoreScu.store(listener.port(), PACS, sopClass, sop, whole)).isZero();
        assertThat(index.ownerOfInstance(sop)).contains(hospitalId);
    }

    private ImagingStudy imagingStudy(String studyUid) {
        List<ImagingStudy> found = daos.getResourceDao(ImagingStudy.class).search(
                        SearchParameterMap.newSynchronous(ImagingStudy.SP_IDENTIFIER,
                                new TokenParam("urn:dicom:uid", "urn:oid:" + studyUid)), new SystemRequestDetails())
                .getAllResources().stream().map(ImagingStudy.class::cast).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static TransferSyntax syntaxOf(ImageIndex.Instance instance) {
        return TransferSyntax.of(instance.transferSyntaxUid()).orElseThrow();
    }

    private String port() {
        return Integer.toString(listener.port());
    }
}
