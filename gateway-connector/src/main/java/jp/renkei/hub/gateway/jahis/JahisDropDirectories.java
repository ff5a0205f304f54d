package jp.renkei.hub.gateway.jahis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jp.renkei.hub.core.cluster.ClusterJobs;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.gateway.jahis.JahisImport.JahisImportResult;
import jp.renkei.hub.gateway.jahis.JahisImport.JahisSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Imports TC files that a pharmacy's system drops into its directory ({@code renkei.gateway.jahis.drops}). A file
 * is named {@code <local patient ID>_<anything>} (TC files do not identify their patient, so the name does); once
 * read it is moved to {@code done/} when stored, or to {@code quarantined/} when it went to the quarantine (with
 * its reason; re-process it there). Files of a facility that is not active are left where they are. With several
 * hub nodes sharing the directories, one node reads them at a time ({@link ClusterJobs}), so no file is imported
 * twice.
 */
@Component
@EnableConfigurationProperties(JahisDropProperties.class)
public class JahisDropDirectories implements SmartLifecycle {

    public static final String DONE = "done";
    public static final String QUARANTINED = "quarantined";
    private static final Logger log = LoggerFactory.getLogger(JahisDropDirectories.class);

    private final JahisDropProperties properties;
    private final JahisImport jahisImport;
    private final FacilityRegistry facilities;
    private final Clock clock;
    private final ClusterJobs jobs;
    private ScheduledExecutorService poller;

    public JahisDropDirectories(JahisDropProperties properties, JahisImport jahisImport, FacilityRegistry facilities,
                                Clock clock, ClusterJobs jobs) {
        this.properties = properties;
        this.jahisImport = jahisImport;
        this.facilities = facilities;
        this.clock = clock;
        this.jobs = jobs;
    }

    /** Reads every drop directory once; returns the files handled. */
    public synchronized int pollOnce() {
        int handled = 0;
        for (JahisDropProperties.Drop drop : properties.drops()) {
            if (!facilities.isActive(drop.facilityId())) {
                log.warn("JAHIS drop {}: facility {} is not active; its files wait", drop.path(), drop.facilityId());
                continue;
            }
            for (Path file : settledFiles(drop.path())) {
                handle(drop, file);
                handled++;
            }
        }
        return handled;
    }

    private List<Path> settledFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            log.warn("JAHIS drop directory {} does not exist", directory);
            return List.of();
        }
        Instant settled = clock.instant().minus(properties.settleTime());
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .filter(file -> lastModified(file).isBefore(settled))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            log.warn("JAHIS drop directory {} cannot be listed: {}", directory, e.getMessage());
            return List.of();
        }
    }

    private void handle(JahisDropProperties.Drop drop, Path file) {
        String name = file.getFileName().toString();
        int separator = name.indexOf('_');
        try {
            if (separator <= 0) {
                var held = jahisImport.withoutPatient(drop.facilityId(), name, Files.readAllBytes(file));
                log.warn("JAHIS drop {}: file {} is not named <local patient ID>_<anything>; quarantined as {} and"
                        + " moved to {}/", drop.path(), name, held.quarantineId(), QUARANTINED);
                move(file, QUARANTINED);
                return;
            }
            JahisImportResult result = jahisImport.importFile(drop.facilityId(),
                    new JahisSource(name.substring(0, separator), name), Files.readAllBytes(file));
            if (result.result().accepted()) {
                log.info("JAHIS drop {}: {} stored ({} dispensings, {} prescribed drugs)", drop.path(), name,
                        result.dispensings(), result.medicationRequests());
                move(file, DONE);
            } else {
                log.warn("JAHIS drop {}: {} quarantined as {}: {}", drop.path(), name, result.result().quarantineId(),
                        result.result().reason());
                move(file, QUARANTINED);
            }
        } catch (IOException | RuntimeException e) {
            // Left in place: the next poll tries again (e.g. the database was briefly unavailable).
            log.error("JAHIS drop {}: {} could not be handled and stays for the next poll", drop.path(), name, e);
        }
    }

    private static void move(Path file, String subdirectory) throws IOException {
        Path target = file.resolveSibling(subdirectory);
        Files.createDirectories(target);
        Files.move(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private static Instant lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.MAX;
        }
    }

    private void scheduledPoll() {
        try {
            jobs.runOnce("jahis-drop", properties.pollInterval(), this::pollOnce);
        } catch (RuntimeException e) {
            // keep the schedule alive: the database may be briefly away
            log.error("JAHIS drop poll failed; retried next poll", e);
        }
    }

    @Override
    public synchronized void start() {
        if (properties.drops().isEmpty() || poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "jahis-drop"));
        long interval = properties.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::scheduledPoll, interval, interval, TimeUnit.MILLISECONDS);
        log.info("Watching {} JAHIS drop director{} every {}", properties.drops().size(),
                properties.drops().size() == 1 ? "y" : "ies", properties.pollInterval());
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }
}
