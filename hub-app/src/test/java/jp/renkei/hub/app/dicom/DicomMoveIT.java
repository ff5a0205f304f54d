package jp.renkei.hub.app.dicom;

import static jp.renkei.hub.app.dicom.DicomFixtures.HUB_AE;
import static jp.renkei.hub.app.dicom.DicomFixtures.activeClinic;
import static jp.renkei.hub.app.dicom.DicomFixtures.dataSetDump;
import static jp.renkei.hub.app.dicom.DicomFixtures.requireDcmtk;
import static jp.renkei.hub.app.dicom.DicomFixtures.run;
import static jp.renkei.hub.app.dicom.DicomFixtures.uncompressed;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
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
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.DicomWriter;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.file.DicomFile;
import jp.renkei.hub.dicom.file.HubUids;
import jp.renkei.hub.dicom.net.Dimse;
import jp.renkei.hub.dicom.net.Pdu;
import jp.renkei.hub.dicom.net.PduCodec;
import jp.renkei.hub.dicom.retrieve.MoveService;
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
    private static final String HELD = "IT_MOVE_HELD";
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
    HeldDestination held;

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
        held = new HeldDestination();
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        assertThat(context.getBean(Sites.class).find(hospitalId)).as("the demo hospital's loopback site").isPresent();
        context.getBean(DicomNodes.class).replace(hospitalId, List.of(
                new DicomNodeRequest(DESTINATION, "127.0.0.1", port, List.of("STORE_DESTINATION")),
                new DicomNodeRequest("IT_MOVE_QR_ONLY", "127.0.0.1", port, List.of("QUERY_RETRIEVE")),
                new DicomNodeRequest("IT_MOVE_DOWN", "127.0.0.1", closedPort(), List.of("STORE_DESTINATION")),
                new DicomNodeRequest(HELD, "127.0.0.1", held.port(), List.of("STORE_DESTINATION"))),
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
    void stopStorescp() throws Exception {
        if (held != null) {
            held.close();
        }
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
    void aCancelStopsTheRemainingSubOperationsAndTheFinalResponseSaysCancel() throws Exception {
        int messageId = 7;
        try (Socket socket = new Socket("127.0.0.1", listener.port())) {
            socket.setSoTimeout(30_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            PduCodec.write(out, new Pdu.AssociateRequest(HUB_AE, PACS, "1.2.840.10008.3.1.1.1",
                    List.of(new Pdu.ProposedContext(1, MoveService.STUDY_ROOT_MOVE,
                            List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid()))),
                    new Pdu.UserInformation(16384, "1.2.3.4", "CANCELIT")));
            assertThat(PduCodec.read(in, 1 << 20)).isInstanceOf(Pdu.AssociateAccept.class);
            DataSet move = new DataSet();
            move.setStrings(Dimse.AFFECTED_SOP_CLASS_UID, Vr.UI, MoveService.STUDY_ROOT_MOVE);
            move.setInt(Dimse.COMMAND_FIELD, Vr.US, Dimse.C_MOVE_RQ);
            move.setInt(Dimse.MESSAGE_ID, Vr.US, messageId);
            move.setInt(Dimse.PRIORITY, Vr.US, 0);
            move.setInt(Dimse.COMMAND_DATA_SET_TYPE, Vr.US, 0x0000);
            move.setStrings(Dimse.MOVE_DESTINATION, Vr.AE, HELD);
            DataSet identifier = new DataSet();
            identifier.setStrings(Tag.QUERY_RETRIEVE_LEVEL, Vr.CS, "STUDY");
            identifier.setStrings(Tag.STUDY_INSTANCE_UID, Vr.UI, hospitalStudy);
            PduCodec.write(out, new Pdu.PData(List.of(new Pdu.Pdv(1, true, true, Dimse.encode(move)))));
            PduCodec.write(out, new Pdu.PData(List.of(new Pdu.Pdv(1, false, true, DicomWriter.encode(identifier, false)))));

            // the destination holds its answer to the first C-STORE until the C-CANCEL-RQ is on its way
            assertThat(held.firstStore.await(30, TimeUnit.SECONDS)).isTrue();
            DataSet cancel = new DataSet();
            cancel.setInt(Dimse.COMMAND_FIELD, Vr.US, Dimse.C_CANCEL_RQ);
            cancel.setInt(Dimse.MESSAGE_ID_BEING_RESPONDED_TO, Vr.US, messageId);
            cancel.setInt(Dimse.COMMAND_DATA_SET_TYPE, Vr.US, Dimse.NO_DATA_SET);
            PduCodec.write(out, new Pdu.PData(List.of(new Pdu.Pdv(1, true, true, Dimse.encode(cancel)))));
            held.answer.countDown();

            List<Dimse.Command> responses = new ArrayList<>();
            do {
                Pdu.PData data = (Pdu.PData) PduCodec.read(in, 1 << 20);
                responses.add(Dimse.decode(data.values().get(0).data()));
            } while (status(responses.get(responses.size() - 1)) == Dimse.PENDING);
            PduCodec.write(out, new Pdu.ReleaseRequest());
            assertThat(PduCodec.read(in, 1 << 20)).isInstanceOf(Pdu.ReleaseResponse.class);

            assertThat(responses).extracting(DicomMoveIT::status).containsExactly(Dimse.PENDING, Dimse.CANCEL);
            Dimse.Command last = responses.get(1);
            assertThat(last.elements().integer(Dimse.NUMBER_OF_COMPLETED_SUBOPERATIONS)).contains(1);
            assertThat(last.elements().integer(Dimse.NUMBER_OF_REMAINING_SUBOPERATIONS)).contains(1);
            assertThat(last.elements().integer(Dimse.NUMBER_OF_FAILED_SUBOPERATIONS)).contains(0);
        }
        assertThat(held.stored).hasSize(1);
        assertThat(held.released.await(10, TimeUnit.SECONDS)).as("the destination association was released").isTrue();
        assertThat(audited("DICOM C-MOVE studies [" + hospitalStudy + "] to " + HELD + "%"))
                .containsExactly("SUCCESS sent 1 of 2 instance(s), failed 0, warnings 0, cancelled");
    }

    private static int status(Dimse.Command response) {
        return response.elements().integer(Dimse.STATUS).orElseThrow();
    }

    /**
     * A store destination that accepts every proposed context and answers C-STOREs with success, but holds its
     * answer to the first one until {@code answer} opens, so a test can cancel at a known point.
     */
    private static final class HeldDestination implements AutoCloseable {
        final CountDownLatch firstStore = new CountDownLatch(1);
        final CountDownLatch answer = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
        final List<String> stored = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
        private final Thread thread = new Thread(this::serve, "held-destination");

        HeldDestination() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(60_000);
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                Pdu.AssociateRequest request = (Pdu.AssociateRequest) PduCodec.read(in, 1 << 20);
                PduCodec.write(out, new Pdu.AssociateAccept(request.calledAeTitle(), request.callingAeTitle(),
                        request.applicationContext(), request.contexts().stream().map(c -> new Pdu.AcceptedContext(
                                c.id(), Pdu.AcceptedContext.ACCEPTANCE, c.transferSyntaxes().get(0))).toList(),
                        new Pdu.UserInformation(1 << 20, "1.2.3.4", "HELDIT")));
                while (true) {
                    Pdu pdu = PduCodec.read(in, 1 << 20);
                    if (pdu instanceof Pdu.ReleaseRequest) {
                        PduCodec.write(out, new Pdu.ReleaseResponse());
                        released.countDown();
                        return;
                    }
                    Pdu.Pdv command = ((Pdu.PData) pdu).values().get(0);
                    Dimse.Command store = Dimse.decode(command.data());
                    boolean last = false;
                    while (!last) { // the data set, fragment by fragment
                        for (Pdu.Pdv fragment : ((Pdu.PData) PduCodec.read(in, 1 << 20)).values()) {
                            last = fragment.last();
                        }
                    }
                    stored.add(store.affectedSopInstanceUid().orElseThrow());
                    if (stored.size() == 1) {
                        firstStore.countDown();
                        answer.await(30, TimeUnit.SECONDS);
                    }
                    PduCodec.write(out, new Pdu.PData(List.of(new Pdu.Pdv(command.contextId(), true, true,
                            Dimse.encode(Dimse.response(store, Dimse.SUCCESS, null, false))))));
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                System.err.println("held destination: " + e);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
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
