package jp.renkei.hub.core.audit;

import java.util.ArrayList;
import java.util.List;

/** Walks rows in sequence order and checks each against its own hash and against the row before it. */
final class ChainCheck {

    private final int maxListed;
    private final List<AuditViolation> violations = new ArrayList<>();
    private ChainLink previous;
    private long rowsChecked;

    /** @param previous the row before the first one to be checked ({@link ChainLink#GENESIS} when none) */
    ChainCheck(ChainLink previous, int maxListed) {
        this.previous = previous;
        this.maxListed = maxListed;
    }

    void check(AuditRow row) {
        rowsChecked++;
        if (!AuditHash.of(row).equals(row.hash())) {
            report(row.seq(), AuditViolation.Kind.EDITED, "content no longer matches its hash");
        }
        long missing = row.seq() - previous.seq() - 1;
        if (missing > 0) {
            report(row.seq(), AuditViolation.Kind.CHAIN_BROKEN,
                    missing + " row(s) missing before it (previous row present is seq " + previous.seq() + ")");
        } else if (!row.prevHash().equals(previous.hash())) {
            report(row.seq(), AuditViolation.Kind.CHAIN_BROKEN,
                    "out of order: its prev_hash is not the hash of row seq " + previous.seq());
        }
        previous = row.link();
    }

    AuditVerification result() {
        return new AuditVerification(rowsChecked, violations);
    }

    private void report(long seq, AuditViolation.Kind kind, String message) {
        if (violations.size() < maxListed) {
            violations.add(new AuditViolation(seq, kind, message));
        }
    }
}
