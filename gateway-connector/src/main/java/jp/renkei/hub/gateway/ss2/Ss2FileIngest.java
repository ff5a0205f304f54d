package jp.renkei.hub.gateway.ss2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jp.renkei.hub.gateway.hl7.Hl7Message;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.IngestIds;
import jp.renkei.hub.gateway.ingest.IngestResult;
import jp.renkei.hub.gateway.ingest.IngestTally;
import jp.renkei.hub.gateway.ingest.QuarantineSource;
import jp.renkei.hub.gateway.ingest.SourceRef;
import jp.renkei.hub.gateway.ss2.Ss2StorageWalker.StoredFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ingests a facility's SS-MIX2 storage root, incrementally: a file whose size and modification time (or, when
 * those changed, whose SHA-256) are as the ledger has them is not read again. Each file's ledger row commits in the
 * transaction that stores (or quarantines, or skips) what it holds, so a run killed at any point resumes exactly
 * where it stopped: nothing lost, nothing stored twice.
 */
@Component
public class Ss2FileIngest implements QuarantineSource {

    private static final Logger log = LoggerFactory.getLogger(Ss2FileIngest.class);

    /** Told after each file of a run. */
    @FunctionalInterface
    public interface Progress {
        void advanced(long done, long total);
    }

    /**
     * Called inside each file's transaction just before its ledger row is written; for fault-injection tests
     * (an exception aborts the run as a crash would, rolling back that file).
     */
    @FunctionalInterface
    public interface FaultPoint {
        void beforeLedger(String relativePath);
    }

    private final Ss2Pipeline pipeline;
    private final Ss2Ledger ledger;
    private final TransactionTemplate transactions;
    private volatile FaultPoint faultPoint = path -> { };

    public Ss2FileIngest(Ss2Pipeline pipeline, Ss2Ledger ledger, PlatformTransactionManager transactionManager) {
        this.pipeline = pipeline;
        this.ledger = ledger;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Replaces the fault point (tests only); {@code null} restores none. */
    public void setFaultPoint(FaultPoint faultPoint) {
        this.faultPoint = faultPoint == null ? path -> { } : faultPoint;
    }

    /**
     * Ingests every new or changed file under {@code root} with {@code workers} threads, counting into
     * {@code tally}; returns the number of files found (read or not).
     */
    public long ingest(String facilityId, Path root, int workers, IngestTally tally, Progress progress) {
        return ingest(facilityId, root, workers, tally, new Ss2NotMapped(), progress);
    }

    /** As above, also collecting what was not mapped by reason (the bulk import's report). */
    public long ingest(String facilityId, Path root, int workers, IngestTally tally, Ss2NotMapped notMapped,
                       Progress progress) {
        List<StoredFile> files = Ss2StorageWalker.walk(root);
        Map<String, Ss2Ledger.Entry> known = ledger.entries(facilityId);
        List<StoredFile> candidates = files.stream().filter(file -> {
            Ss2Ledger.Entry entry = known.get(file.relative());
            return entry == null || entry.size() != file.size() || !entry.modified().equals(file.modified());
        }).toList();
        AtomicLong done = new AtomicLong();
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, workers));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (StoredFile file : candidates) {
                futures.add(executor.submit(() -> {
                    ingestFile(facilityId, file, known.get(file.relative()), tally, notMapped);
                    progress.advanced(done.incrementAndGet(), candidates.size());
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("SS-MIX2 ingest interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("SS-MIX2 ingest failed", e.getCause());
        } finally {
            // On a failure the files already started must finish (or fail) before the caller goes on: the ledger
            // then says exactly what was stored when this returns.
            executor.shutdownNow();
            awaitQuietly(executor);
        }
        return files.size();
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES)) {
                log.warn("SS-MIX2 ingest workers still running after 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ingestFile(String facilityId, StoredFile file, Ss2Ledger.Entry entry, IngestTally tally,
                            Ss2NotMapped notMapped) {
        byte[] raw = read(file.path());
        String sha = IngestIds.sha256Hex(raw);
        if (entry != null && entry.sha256().equals(sha)) {
            // Touched but not changed: remember the new time, read nothing.
            transactions.executeWithoutResult(status -> ledger.record(facilityId, file.relative(), file.size(),
                    file.modified(), sha, entry.outcome()));
            return;
        }
        IngestResult result = process(facilityId, file.relative(), raw, outcome -> {
            faultPoint.beforeLedger(file.relative());
            ledger.record(facilityId, file.relative(), file.size(), file.modified(), sha, outcome);
        });
        if (result.status() != IngestResult.Status.STORED) {
            log.info("SS-MIX2 {} {}: {}", file.relative(), result.status(), result.reason());
        }
        tally.add(result);
        notMapped.add(result);
    }

    private IngestResult process(String facilityId, String relative, byte[] raw,
                                 java.util.function.Consumer<String> alsoInTransaction) {
        SourceRef source = new SourceRef(SourceRef.SS2_FILE, relative);
        return pipeline.process(facilityId, source, raw, (message, warnings) -> identify(facilityId, source, message,
                warnings), alsoInTransaction);
    }

    /** Identity from the storage: the file's place and name are authoritative; PID-3 differing is a warning. */
    static Ss2Input identify(String facilityId, SourceRef source, Hl7Message message, List<String> warnings)
            throws IngestFailure {
        Ss2FileName name = Ss2StorageWalker.checkLayout(source.reference());
        warnings.addAll(name.warnings());
        String pid3 = message.first("PID").map(pid -> pid.get(3, 0, 1, 1)).orElse("");
        if (!pid3.isEmpty() && !pid3.equals(name.patientId())) {
            warnings.add("PID-3 '" + pid3 + "' differs from the storage's patient ID '" + name.patientId()
                    + "'; the storage's is used");
        }
        return new Ss2Input(facilityId, name.patientId(), name.dataType(), name.orderNumber(), name.careDate(),
                name.timestamp(), name.cancelled(), source, message);
    }

    @Override
    public String kind() {
        return SourceRef.SS2_FILE;
    }

    /** Re-runs a quarantined file from its kept bytes; its ledger row keeps the file as it was read. */
    @Override
    public IngestResult reprocess(String facilityId, SourceRef source, byte[] raw) {
        return process(facilityId, source.reference(), raw, outcome -> { });
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
