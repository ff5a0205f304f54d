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
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import jp.renkei.hub.vpn.site.DicomNodeRequest;
import jp.renkei.hub.vpn.site.DicomNodes;
import jp.renkei.hub.vpn.site.RouterKind;
import jp.renkei.hub.vpn.site.SiteContact;
import jp.renkei.hub.vpn.site.SiteRequest;
import jp.renkei.hub.vpn.site.Sites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * C-MOVE with DCMTK: the demo hospital's site (loopback) registers DCMTK's storescp as a store destination;
 * movescu, as the hospital's PACS, moves its own study there (files and data sets as sent), a clinic's study only
 * once the patient consents (event number as PatientID), and is refused an unconsented study exactly like an absent
 * one, and any destination that is not a store destination of its own site — unregistered, query/retrieve only, or
 * another facility's; a registered destination that is down fails every sub-operation (A702H).
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomMoveIT {

    private static final String PACS = DemoFacility.HOSPITAL.aeTitles().get(0);
    private static final String DESTINATION = "IT_MOVE_DEST";
    private static final String CLINIC_PACS = "IT_MOVE_CLINIC";
    /** movescu -d: the final response's dump, whose status line reads "DIMSE Status : 0xa801: Refused: …". */
    private static final Pattern FINAL = Pattern.compile("Received Final Move Response.*?DIMSE Status\\s*: (0x[0-9a-f]{4})",
            Pattern.DOTALL);

    @Autowired
    ApplicationContext context;
    @Autowired
    DicomBridgeConfig.DicomListener listener;
    @Autowired
    JdbcClient jdbc;

    Path work;
    Path received;
    Process storescp;
    String hospitalId;
    String hospitalStudy;
    Map<String, Path> hospitalSent = new HashMap<>();
    String clinicStudy;
    Facility clinic;

    @BeforeAll
    void sitesNodesAndStudies() throws Exception {
        requireDcmtk("storescu", "movescu", "storescp", "dcmdump");
        work = Files.createTempDirectory("dicom-move-it");
        received = Files.createDirectories(work.resolve("received"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        storescp = new ProcessBuilder("storescp", "-aet", DESTINATION, "-od", received.toString(),
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(work.resolve("storescp.log").toFile())
                .start();
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        assertThat(context.getBean(Sites.class).find(hospitalId)).as("the demo hospital's loopback site").isPresent();
        context.getBean(DicomNodes.class).replace(hospitalId, List.of(
                new DicomNodeRequest(DESTINATION, "127.0.0.1", port, List.of("STORE_DESTINATION")),
                new DicomNodeRequest("IT_MOVE_QR_ONLY", "127.0.0.1", port, List.of("QUERY_RETRIEVE")),
                new DicomNodeRequest("IT_MOVE_DOWN", "127.0.0.1", closedPort(), List.of("STORE_DESTINATION"))),
                "dicom-move-it");

        // Another facility with its own site and its own store destination (the same storescp, reached at 127.0.0.2).
        Facility other = activeClinic(context.getBean(FacilityRegistry.class), "0710200065", "転送先テスト医院",
                "IT_MOVE_OTHER");
        context.getBean(Sites.class).save(other.id(), new SiteRequest(RouterKind.STRONGSWAN, null,
                List.of("127.0.0.2/32"), new SiteContact("転送 試験", "024-000-0065", "it@move.example.jp")), "it");
        context.getBean(DicomNodes.class).replace(other.id(), List.of(
                new DicomNodeRequest("IT_OTHER_DEST", "127.0.0.2", port, List.of("STORE_DESTINATION"))), "it");

        hospitalStudy = HubUids.random();
        String series = HubUids.random();
        for (Path file : List.of(uncompressed(work, hospitalStudy, series, "MOVE-IT-H"),
                uncompressed(work, hospitalStudy, series, "MOVE-IT-H"))) {
            hospitalSent.put(sopInstanceOf(file), file);
        }
        store(PACS, hospitalSent.values().stream().toList());

        clinic = activeClinic(context.getBean(FacilityRegistry.class), "0710200073", "画像転送テスト医院", CLINIC_PACS);
        clinicStudy = HubUids.random();
        store(CLINIC_PACS, List.of(uncompressed(work, clinicStudy, "MOVE-IT-C")));
    }

    @AfterAll
    void stopStorescp() throws InterruptedException {
        if (storescp != null) {
            storescp.destroy();
            storescp.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theHospitalMovesItsStudyToItsRegisteredStorescp() throws Exception {
        Result moved = movescu(DESTINATION, "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + hospitalStudy);
        assertThat(finalStatus(moved)).isEqualTo("0x0000");
        // The pending response after the first sub-operation, then the final counts.
        assertThat(moved.output()).containsPattern("Remaining Suboperations\\s*: 1")
                .containsPattern("Completed Suboperations\\s*: 2").containsPattern("Failed Suboperations\\s*: 0");
        Map<String, Path> arrived = arrived();
        assertThat(arrived.keySet()).containsAll(hospitalSent.keySet());
        for (Map.Entry<String, Path> sent : hospitalSent.entrySet()) {
            assertThat(dataSetDump(arrived.get(sent.getKey()))).isEqualTo(dataSetDump(sent.getValue()));
        }
        assertThat(audited("DICOM C-MOVE studies [" + hospitalStudy + "] to " + DESTINATION + "%"))
                .anySatisfy(row -> assertThat(row).startsWith("SUCCESS sent 2 of 2"));
    }

    @Test
    void aDestinationThatIsNotAStoreDestinationOfTheOwnSiteIsUnknown() throws Exception {
        int before = arrived().size();
        for (String destination : List.of("NOT_REGISTERED", "IT_MOVE_QR_ONLY", "IT_OTHER_DEST")) {
            Result refused = movescu(destination, "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + hospitalStudy);
            assertThat(finalStatus(refused)).as(destination).isEqualTo("0xa801");
            assertThat(refused.output()).containsPattern("Completed Suboperations\\s*: 0");
        }
        assertThat(arrived()).hasSize(before);
        assertThat(audited("DICOM C-MOVE studies [] to IT_OTHER_DEST")).containsExactly(
                "DENIED refused: 'IT_OTHER_DEST' is not a registered store destination of the facility's site");
    }

    @Test
    void aDestinationThatCannotBeReachedFailsEverySubOperation() throws Exception {
        Result failed = movescu("IT_MOVE_DOWN", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + hospitalStudy);
        assertThat(finalStatus(failed)).isEqualTo("0xa702");
        assertThat(failed.output()).containsPattern("Failed Suboperations\\s*: 2")
                .containsPattern("Completed Suboperations\\s*: 0");
        assertThat(audited("DICOM C-MOVE studies [" + hospitalStudy + "] to IT_MOVE_DOWN%"))
                .singleElement().asString().startsWith("FAILED the destination could not be associated");
    }

    @Test
    void anotherFacilitysStudyMovesOnlyWithConsentAndIsOtherwiseAnsweredLikeAnAbsentOne() throws Exception {
        HubPrincipal clinicClerk = new HubPrincipal(HubPrincipal.Kind.PERSON, "move-it-c", "MOVE IT", clinic.id(),
                Set.of(HubRole.CLERK));
        String eventNumber = context.getBean(PatientEnrolment.class).enrol(clinic.id(), "MOVE-IT-C", clinicClerk)
                .eventNumber().formatted();
        HubPrincipal hospitalClerk = new HubPrincipal(HubPrincipal.Kind.PERSON, "move-it-h", "MOVE IT", hospitalId,
                Set.of(HubRole.CLERK));
        context.getBean(PatientEnrolment.class).link(hospitalId, "MOVE-IT-H2", eventNumber, IdentityVerification.CARD,
                "referral", hospitalClerk);
        int before = arrived().size();

        Result withheld = movescu(DESTINATION, "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + clinicStudy);
        Result absent = movescu(DESTINATION, "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + HubUids.random());
        assertThat(finalStatus(withheld)).isEqualTo(finalStatus(absent)).isEqualTo("0x0124");
        assertThat(responses(withheld)).isEqualTo(responses(absent));
        assertThat(arrived()).hasSize(before);

        context.getBean(ConsentRegistry.class).record(eventNumber, ConsentCategory.IMAGING,
                new ConsentTerms(FacilityScope.only(Set.of(hospitalId)), FacilityScope.everyFacility(),
                        new ValidityPeriod(Instant.now().minus(1, ChronoUnit.HOURS), null), ObtainedVia.ELECTRONIC),
                null, clinicClerk);
        Result consented = movescu(DESTINATION, "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + clinicStudy);
        assertThat(finalStatus(consented)).isEqualTo("0x0000");
        List<Path> newFiles = new ArrayList<>(arrived().values());
        assertThat(newFiles).hasSize(before + 1);
        Path moved = arrived().values().stream().filter(f -> {
            try {
                return dataSetDump(f).contains(clinicStudy);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow();
        // The clinic's local patient ID stays at the hub: the hospital gets the event number.
        assertThat(dataSetDump(moved)).contains("(0010,0020) LO [" + eventNumber + "]").doesNotContain("MOVE-IT-C");
    }

    private void store(String callingAe, List<Path> files) throws Exception {
        Result stored = run(Stream.concat(Stream.of("storescu", "-aet", callingAe, "-aec", HUB_AE, "127.0.0.1",
                Integer.toString(listener.port())), files.stream().map(Path::toString)).toArray(String[]::new));
        assertThat(stored.exit()).as(stored.output()).isZero();
    }

    private Result movescu(String destination, String... keys) throws Exception {
        List<String> command = new ArrayList<>(List.of("movescu", "-d", "-S", "-aet", PACS, "-aec", HUB_AE,
                "-aem", destination));
        for (String key : keys) {
            command.add("-k");
            command.add(key);
        }
        command.add("127.0.0.1");
        command.add(Integer.toString(listener.port()));
        return run(command.toArray(String[]::new));
    }

    /** A port nobody listens on (bound, then released). */
    private static int closedPort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private static String finalStatus(Result result) {
        Matcher m = FINAL.matcher(result.output());
        assertThat(m.find()).as(result.output()).isTrue();
        return m.group(1);
    }

    /** The responses movescu printed, without its own timing and message IDs. */
    private static List<String> responses(Result result) {
        return result.output().lines().filter(l -> l.contains("Suboperations") || l.contains("Move Response"))
                .toList();
    }

    private List<String> audited(String resourcePattern) {
        return jdbc.sql("SELECT outcome || ' ' || detail FROM hub.audit_event WHERE resource LIKE :r ORDER BY seq")
                .param("r", resourcePattern).query(String.class).list();
    }

    /** What storescp has received so far, by SOP instance UID. */
    private Map<String, Path> arrived() throws IOException {
        Map<String, Path> files = new HashMap<>();
        try (Stream<Path> list = Files.list(received)) {
            for (Path file : list.filter(Files::isRegularFile).toList()) {
                files.put(sopInstanceOf(file), file);
            }
        }
        return files;
    }

    private static String sopInstanceOf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return DicomFile.readHeader(in).mediaStorageSopInstanceUid();
        }
    }
}
