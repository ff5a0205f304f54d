package jp.renkei.hub.app.dicom;

import static jp.renkei.hub.app.dicom.DicomFixtures.requireDcmtk;
import static jp.renkei.hub.app.dicom.DicomFixtures.uncompressed;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.dicom.file.HubUids;
import jp.renkei.hub.dicom.server.DicomBridgeConfig;
import jp.renkei.hub.dicom.store.ImagingStudyPublisher;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A PACS sends one study over several parallel associations (as PACS and modalities do with a CT): their ends,
 * which publish the study's ImagingStudy, come together. The study must end up as ONE ImagingStudy holding every
 * instance, without a restart (before the publisher locked per study, concurrent publishes created two
 * ImagingStudies or lost the race with a version conflict and left the study short).
 */
@HubIntegrationTest
class ImagingStudyParallelIT {

    private static final String PACS = DemoFacility.HOSPITAL.aeTitles().get(0);
    private static final int ASSOCIATIONS = 4;
    private static final int PER_ASSOCIATION = 6;

    @Autowired
    DicomBridgeConfig.DicomListener listener;
    @Autowired
    DaoRegistry daos;
    @Autowired
    ImagingStudyPublisher publisher;

    @Test
    void aStudySentOverParallelAssociationsEndsAsOneCompleteImagingStudy() throws Exception {
        requireDcmtk("storescu");
        Path work = Files.createTempDirectory("dicom-parallel");
        for (int round = 1; round <= 3; round++) {
            String study = HubUids.random();
            List<Process> senders = new ArrayList<>();
            for (int a = 0; a < ASSOCIATIONS; a++) {
                String series = HubUids.random();
                List<String> command = new ArrayList<>(List.of("storescu", "-aet", PACS, "-aec", "RENKEIHUB",
                        "127.0.0.1", Integer.toString(listener.port())));
                for (int i = 0; i < PER_ASSOCIATION; i++) {
                    command.add(uncompressed(work, study, series, "DCM-PAR-" + round).toString());
                }
                senders.add(new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(work.resolve("storescu-" + round + "-" + a + ".log").toFile()).start());
            }
            for (Process sender : senders) {
                assertThat(sender.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(sender.exitValue()).isZero();
            }

            List<ImagingStudy> found = awaitInstances(study, ASSOCIATIONS * PER_ASSOCIATION);
            assertThat(found).as("round %d: ImagingStudies of the study", round).hasSize(1);
            ImagingStudy imaging = found.get(0);
            assertThat(imaging.getNumberOfInstances()).isEqualTo(ASSOCIATIONS * PER_ASSOCIATION);
            assertThat(imaging.getNumberOfSeries()).isEqualTo(ASSOCIATIONS);
            assertThat(imaging.getSeries()).allSatisfy(s -> assertThat(s.getInstance()).hasSize(PER_ASSOCIATION));
        }
    }

    /**
     * Publishing merges what arrived instead of rebuilding the study: a study sent over consecutive associations
     * costs the publisher one index row per instance in all (4 associations x 10 = 40 rows, where rebuilding would
     * read 10 + 20 + 30 + 40 = 100), one ImagingStudy write per association that added something, and nothing for
     * an association that only repeats instances already published.
     */
    @Test
    void publishingReadsEachInstanceOnceWhateverTheStudySize() throws Exception {
        requireDcmtk("storescu");
        Path work = Files.createTempDirectory("dicom-linear");
        String study = HubUids.random();
        String series = HubUids.random();
        ImagingStudyPublisher.Work before = publisher.work();
        List<Path> all = new ArrayList<>();
        for (int a = 1; a <= ASSOCIATIONS; a++) {
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                files.add(uncompressed(work, study, series, "DCM-LIN"));
            }
            all.addAll(files);
            send(work, files, "linear-" + a);
            List<ImagingStudy> found = awaitInstances(study, 10 * a);
            assertThat(found).hasSize(1);
            assertThat(found.get(0).getNumberOfInstances()).isEqualTo(10 * a);
        }
        ImagingStudyPublisher.Work sent = publisher.work();
        assertThat(sent.instanceRowsRead() - before.instanceRowsRead()).isEqualTo(10 * ASSOCIATIONS);
        assertThat(sent.writes() - before.writes()).isEqualTo(ASSOCIATIONS);

        send(work, all.subList(0, 15), "linear-again");
        assertThat(publisher.work()).as("a resend adds nothing: nothing is read or written").isEqualTo(sent);
        ImagingStudy imaging = awaitInstances(study, 10 * ASSOCIATIONS).get(0);
        assertThat(imaging.getSeries()).singleElement().satisfies(s -> {
            assertThat(s.getInstance()).hasSize(10 * ASSOCIATIONS);
            assertThat(s.getNumberOfInstances()).isEqualTo(10 * ASSOCIATIONS);
        });
    }

    private void send(Path work, List<Path> files, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of("storescu", "-aet", PACS, "-aec", "RENKEIHUB", "127.0.0.1",
                Integer.toString(listener.port())));
        files.forEach(f -> command.add(f.toString()));
        Process sender = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("storescu-" + name + ".log").toFile()).start();
        assertThat(sender.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(sender.exitValue()).isZero();
    }

    /** The publishing ends after the association's release, so the answer is waited for (up to 60 s). */
    private List<ImagingStudy> awaitInstances(String studyUid, int instances) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<ImagingStudy> found;
        do {
            found = daos.getResourceDao(ImagingStudy.class).search(
                            SearchParameterMap.newSynchronous(ImagingStudy.SP_IDENTIFIER,
                                    new TokenParam("urn:dicom:uid", "urn:oid:" + studyUid)), new SystemRequestDetails())
                    .getAllResources().stream().map(ImagingStudy.class::cast).toList();
            if (found.size() > 1 || found.stream().anyMatch(s -> s.getNumberOfInstances() == instances)) {
                return found;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return found;
    }
}
