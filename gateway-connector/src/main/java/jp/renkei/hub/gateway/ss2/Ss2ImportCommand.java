package jp.renkei.hub.gateway.ss2;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.gateway.ingest.IngestReport;
import jp.renkei.hub.gateway.ingest.IngestTally;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The bulk import command ({@code ./hub ingest-ss2 --facility <code or ID> <root>}): once the hub is ready, ingests
 * one SS-MIX2 storage root for one facility with a progress bar on stderr, prints the final report (read, stored,
 * superseded, cancelled, unchanged, outdated, skipped, quarantined) with the rates and what was not mapped by
 * reason (data types skipped, segments left out), and stops the hub. Exit code 0
 * when nothing was quarantined, 3 otherwise, 2 for bad arguments.
 */
@Component
@ConditionalOnProperty("renkei.gateway.ss2.import.root")
public class Ss2ImportCommand {

    private final Ss2FileIngest ingest;
    private final Ss2Pipeline pipeline;
    private final FacilityRegistry facilities;
    private final Environment environment;

    public Ss2ImportCommand(Ss2FileIngest ingest, Ss2Pipeline pipeline, FacilityRegistry facilities,
                            Environment environment) {
        this.ingest = ingest;
        this.pipeline = pipeline;
        this.facilities = facilities;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void run(ApplicationReadyEvent event) {
        int code = importTree(System.out, System.err);
        ConfigurableApplicationContext context = event.getApplicationContext();
        System.exit(SpringApplication.exit(context, () -> code));
    }

    int importTree(PrintStream out, PrintStream err) {
        Path root = Path.of(environment.getRequiredProperty("renkei.gateway.ss2.import.root"));
        String wanted = environment.getProperty("renkei.gateway.ss2.import.facility", "");
        int workers = environment.getProperty("renkei.gateway.ss2.import.workers", Integer.class, 2);
        if (!Files.isDirectory(root)) {
            err.println("ingest-ss2: " + root + " is not a directory");
            return 2;
        }
        Facility facility = facilities.list(null, null, null).stream()
                .filter(f -> f.id().equals(wanted) || (f.medicalInstitutionCode() != null
                        && f.medicalInstitutionCode().value().equals(wanted)))
                .findFirst().orElse(null);
        if (facility == null) {
            err.println("ingest-ss2: no facility with ID or medical-institution code '" + wanted + "'");
            return 2;
        }
        out.println("Ingesting SS-MIX2 storage " + root.toAbsolutePath() + " for " + facility.details().name() + " ("
                + facility.id() + ") with " + workers + " workers");
        IngestTally tally = new IngestTally();
        Ss2Pipeline.Timing before = pipeline.timing();
        long started = System.nanoTime();
        Ss2NotMapped notMapped = new Ss2NotMapped();
        long found = ingest.ingest(facility.id(), root, workers, tally, notMapped,
                (done, total) -> progress(err, done, total, started));
        double seconds = (System.nanoTime() - started) / 1e9;
        err.println();
        IngestReport report = tally.report();
        Ss2Pipeline.Timing after = pipeline.timing();
        double parseMap = (after.parseMapNanos() - before.parseMapNanos()) / 1e9;
        double storage = (after.storeNanos() - before.storeNanos()) / 1e9;
        long resources = after.resourcesWritten() - before.resourcesWritten();
        out.println("files in storage: " + found + ", " + report);
        if (!notMapped.byReason().isEmpty()) {
            out.println("not mapped (files):");
            notMapped.byReason().forEach((reason, files) -> out.println("  " + files + " × " + reason));
        }
        out.printf(Locale.ROOT, "elapsed %.1f s: %.1f messages/s (%.0f messages/min), %.1f FHIR resources/s%n", seconds,
                report.read() / seconds, report.read() * 60 / seconds, resources / seconds);
        out.printf(Locale.ROOT, "time in parse+map %.1f s (%.0f%%), in storage %.1f s (%.0f%%) (summed over workers)%n",
                parseMap, 100 * parseMap / Math.max(1e-9, parseMap + storage), storage,
                100 * storage / Math.max(1e-9, parseMap + storage));
        return report.quarantined() == 0 ? 0 : 3;
    }

    private static void progress(PrintStream err, long done, long total, long started) {
        if (done != total && done % 25 != 0) {
            return;
        }
        int width = 40;
        int filled = total == 0 ? width : (int) (width * done / total);
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        err.printf(Locale.ROOT, "\r[%s%s] %d/%d files  %.0f msg/s ", "#".repeat(filled), ".".repeat(width - filled),
                done, total, done / seconds);
    }
}
