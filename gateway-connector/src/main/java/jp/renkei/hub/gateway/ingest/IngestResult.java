package jp.renkei.hub.gateway.ingest;

import java.util.List;
import java.util.UUID;

import jp.renkei.hub.core.monitoring.IngestOutcome;

/**
 * What became of one input (a file, a pushed message): enough to count it in a report and to answer an HL7
 * ACK — {@code AA} for {@link Status#STORED}/{@link Status#SKIPPED}, {@code AE} for {@link Status#QUARANTINED},
 * {@code AR} for {@link Status#REJECTED} — with the reason and error location for the ERR segment.
 *
 * @param status       the input's fate
 * @param outcomes     for STORED: what the store did with each record of the input
 * @param reason       for SKIPPED, QUARANTINED, REJECTED: why (precise, human-readable)
 * @param location     for QUARANTINED and REJECTED: where in the input (may be {@link ErrorLocation#WHOLE})
 * @param quarantineId for QUARANTINED and REJECTED: the quarantined item keeping the input
 * @param warnings     things accepted but worth a look (e.g. PID-3 differing from the storage folder)
 */
public record IngestResult(Status status, List<StoreOutcome> outcomes, String reason, ErrorLocation location,
                           UUID quarantineId, List<String> warnings) {

    public enum Status {
        /** Durably stored (possibly as "unchanged" / "outdated": nothing more to do). */
        STORED,
        /** A valid input of a kind the hub does not map (yet): counted, not stored. */
        SKIPPED,
        /** Could not be parsed or mapped: kept in quarantine with the reason. */
        QUARANTINED,
        /** Refused as a whole (unknown facility, unsupported message type): kept in quarantine too. */
        REJECTED
    }

    public IngestResult {
        outcomes = List.copyOf(outcomes);
        warnings = List.copyOf(warnings);
        location = location == null ? ErrorLocation.WHOLE : location;
    }

    public static IngestResult stored(List<StoreOutcome> outcomes, List<String> warnings) {
        return new IngestResult(Status.STORED, outcomes, null, null, null, warnings);
    }

    public static IngestResult skipped(String reason) {
        return new IngestResult(Status.SKIPPED, List.of(), reason, null, null, List.of());
    }

    public static IngestResult quarantined(IngestFailure failure, UUID quarantineId) {
        return new IngestResult(failure.rejected() ? Status.REJECTED : Status.QUARANTINED, List.of(),
                failure.reason(), failure.location(), quarantineId, List.of());
    }

    /** The outcome as counted by the monitoring: REJECTED inputs are refused, though kept in quarantine too. */
    public IngestOutcome meterOutcome() {
        return switch (status) {
            case STORED, SKIPPED -> IngestOutcome.ACCEPTED;
            case QUARANTINED -> IngestOutcome.QUARANTINED;
            case REJECTED -> IngestOutcome.REFUSED;
        };
    }

    public boolean accepted() {
        return status == Status.STORED || status == Status.SKIPPED;
    }
}
