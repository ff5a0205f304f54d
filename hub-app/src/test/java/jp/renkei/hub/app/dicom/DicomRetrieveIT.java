package jp.renkei.hub.app.dicom;

import static jp.renkei.hub.app.dicom.DicomFixtures.HUB_AE;
import static jp.renkei.hub.app.dicom.DicomFixtures.activeClinic;
import static jp.renkei.hub.app.dicom.DicomFixtures.dataSetDump;
import static jp.renkei.hub.app.dicom.DicomFixtures.requireDcmtk;
import static jp.renkei.hub.app.dicom.DicomFixtures.run;
import static jp.renkei.hub.app.dicom.DicomFixtures.uncompressed;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.dicom.DicomFixtures.Result;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.ConsentRegistry;
import jp.renkei.hub.consent.ConsentTerms;
import jp.renkei.hub.consent.FacilityScope;
import jp.renkei.hub.consent.ObtainedVia;
import jp.renkei.hub.consent.ValidityPeriod;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.patient.IdentityVerification;
import jp.renkei.hub.core.patient.PatientEnrolment;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.dicom.file.DicomFile;
import jp.renkei.hub.dicom.file.HubUids;
import jp.renkei.hub.dicom.server.DicomBridgeConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * C-GET with DCMTK's getscu: the hospital gets back what it stored, at study, series and instance level, data
 * sets identical to what it sent; another facility gets nothing of the hospital's study without an IMAGING
 * consent, and the study once the patient consents.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomRetrieveIT {

    private static final String PACS = DemoFacility.HOSPITAL.aeTitles().get(0);
    private static final String CLINIC_PACS = "IT_GET_PACS";

    @Autowired
    ApplicationContext context;
    @Autowired
    DicomBridgeConfig.DicomListener listener;

    Path work;
    String hospitalId;
    String study;
    String seriesA;
    Map<String, Path> sent = new HashMap<>();

    @BeforeAll
    void hospitalStoresAStudyOfTwoSeries() throws Exception {
        requireDcmtk("storescu", "getscu", "dcmdump");
        work = Files.createTempDirectory("dicom-get-it");
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        study = HubUids.random();
        seriesA = HubUids.random();
        List<Path> files = List.of(uncompressed(work, study, seriesA, "GET-IT-1"),
                uncompressed(work, study, seriesA, "GET-IT-1"), uncompressed(work, study, "GET-IT-1"));
        for (Path file : files) {
            sent.put(sopInstanceOf(file), file);
        }
        Result stored = run(Stream.concat(Stream.of("storescu", "-aet", PACS, "-aec", HUB_AE, "127.0.0.1", port()),
                files.stream().map(Path::toString)).toArray(String[]::new));
        assertThat(stored.exit()).as(stored.output()).isZero();
    }

    @Test
    void theHospitalGetsItsStudySeriesAndInstanceBackUnchanged() throws Exception {
        Map<String, Path> wholeStudy = get(PACS, "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study);
        assertThat(wholeStudy.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
        for (Map.Entry<String, Path> received : wholeStudy.entrySet()) {
            assertThat(dataSetDump(received.getValue())).as("retrieved data set of " + received.getKey())
                    .isEqualTo(dataSetDump(sent.get(received.getKey())));
        }

        Map<String, Path> series = get(PACS, "QueryRetrieveLevel=SERIES", "StudyInstanceUID=" + study,
                "SeriesInstanceUID=" + seriesA);
        assertThat(series).hasSize(2);

        String one = series.keySet().iterator().next();
        Map<String, Path> instance = get(PACS, "QueryRetrieveLevel=IMAGE", "StudyInstanceUID=" + study,
                "SeriesInstanceUID=" + seriesA, "SOPInstanceUID=" + one);
        assertThat(instance.keySet()).containsExactly(one);
    }

    @Test
    void anotherFacilityGetsTheStudyOnlyWithAnImagingConsent() throws Exception {
        HubPrincipal hospitalClerk = new HubPrincipal(HubPrincipal.Kind.PERSON, "get-it-h", "GET IT", hospitalId,
                Set.of(HubRole.CLERK));
        String eventNumber = context.getBean(PatientEnrolment.class).enrol(hospitalId, "GET-IT-1", hospitalClerk)
                .eventNumber().formatted();
        Facility clinic = activeClinic(context.getBean(FacilityRegistry.class), "0710200057", "画像取得テスト医院",
                CLINIC_PACS);
        HubPrincipal clinicClerk = new HubPrincipal(HubPrincipal.Kind.PERSON, "get-it-c", "GET IT", clinic.id(),
                Set.of(HubRole.CLERK));
        context.getBean(PatientEnrolment.class).link(clinic.id(), "C-GET-9", eventNumber, IdentityVerification.CARD,
                "referral", clinicClerk);

        Result refused = getscu(CLINIC_PACS, work.resolve("refused"), "QueryRetrieveLevel=STUDY",
                "StudyInstanceUID=" + study);
        // 0124H, the general "Refused: Not Authorized" (PS3.7 C.5.x); DCMTK names it only for some services.
        assertThat(refused.output()).contains("C-GET Response (Unknown Status: 0x124)")
                .containsPattern("Number of Completed Suboperations\\s*: 0");
        assertThat(files(work.resolve("refused"))).isEmpty();

        context.getBean(ConsentRegistry.class).record(eventNumber, ConsentCategory.IMAGING,
                new ConsentTerms(FacilityScope.only(Set.of(clinic.id())), FacilityScope.everyFacility(),
                        new ValidityPeriod(Instant.now().minus(1, ChronoUnit.HOURS), null), ObtainedVia.ELECTRONIC),
                null, clinicClerk);
        Map<String, Path> consented = get(CLINIC_PACS, "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study);
        assertThat(consented.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
        for (Path file : consented.values()) {
            // The hospital's local patient ID stays at the hub: the clinic gets the event number.
            assertThat(dataSetDump(file)).contains("(0010,0020) LO [" + eventNumber + "]").doesNotContain("GET-IT-1");
        }
    }

    /** Runs getscu (Study Root) into a fresh directory; the retrieved files by SOP instance UID. */
    private Map<String, Path> get(String callingAe, String... keys) throws Exception {
        Path out = Files.createTempDirectory(work, "get");
        Result result = getscu(callingAe, out, keys);
        assertThat(result.exit()).as(result.output()).isZero();
        Map<String, Path> received = new HashMap<>();
        for (Path file : files(out)) {
            received.put(sopInstanceOf(file), file);
        }
        return received;
    }

    private Result getscu(String callingAe, Path out, String... keys) throws Exception {
        Files.createDirectories(out);
        List<String> command = new java.util.ArrayList<>(List.of("getscu", "-v", "-S", "-aet", callingAe, "-aec",
                HUB_AE, "-od", out.toString()));
        for (String key : keys) {
            command.add("-k");
            command.add(key);
        }
        command.add("127.0.0.1");
        command.add(port());
        return run(command.toArray(String[]::new));
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(Files::isRegularFile).toList();
        }
    }

    private static String sopInstanceOf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return DicomFile.readHeader(in).mediaStorageSopInstanceUid();
        }
    }

    private String port() {
        return Integer.toString(listener.port());
    }
}
