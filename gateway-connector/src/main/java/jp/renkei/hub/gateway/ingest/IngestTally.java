package jp.renkei.hub.gateway.ingest;

import java.util.concurrent.atomic.LongAdder;

/** Counts inputs and record outcomes of one ingest run as they happen; safe for concurrent workers. */
public final class IngestTally {

    private final LongAdder read = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder superseded = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder unchanged = new LongAdder();
    private final LongAdder outdated = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder quarantined = new LongAdder();
    private final LongAdder warnings = new LongAdder();

    public void add(IngestResult result) {
        read.increment();
        warnings.add(result.warnings().size());
        switch (result.status()) {
            case SKIPPED -> skipped.increment();
            case QUARANTINED, REJECTED -> quarantined.increment();
            case STORED -> result.outcomes().forEach(this::count);
        }
    }

    private void count(StoreOutcome outcome) {
        switch (outcome) {
            case CREATED -> stored.increment();
            case SUPERSEDED -> superseded.increment();
            case CANCELLED -> cancelled.increment();
            case UNCHANGED -> unchanged.increment();
            case OUTDATED -> outdated.increment();
        }
    }

    public long read() {
        return read.sum();
    }

    public IngestReport report() {
        return new IngestReport(read.sum(), stored.sum(), superseded.sum(), cancelled.sum(), unchanged.sum(),
                outdated.sum(), skipped.sum(), quarantined.sum(), warnings.sum());
    }
}
