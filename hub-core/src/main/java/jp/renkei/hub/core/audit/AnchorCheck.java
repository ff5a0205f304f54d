package jp.renkei.hub.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jp.renkei.hub.core.pki.StatementSigner;

/**
 * Compares the signed anchors with the rows they name, while {@link AuditVerifier} streams the rows: an anchor
 * whose row is gone, or has another hash, is a violation, and so is an anchor line without a valid signature.
 */
final class AnchorCheck {

    private final Map<Long, List<Anchored>> waiting = new TreeMap<>();
    private final List<AuditViolation> violations = new ArrayList<>();
    private long checked;
    private long lastAnchoredSeq;
    private long lastRowSeq;

    private record Anchored(AuditAnchor anchor, String where) {
        String names() {
            return "anchor of " + anchor.anchoredAt() + " (" + where + ") names row " + anchor.seq() + " with hash "
                    + anchor.hash();
        }
    }

    /** Reads and checks the signatures of every anchor found; those naming rows outside the range are skipped. */
    AnchorCheck(List<AuditAnchorFiles.Found> found, StatementSigner signer, long fromSeq, long toSeq) {
        for (AuditAnchorFiles.Found line : found) {
            AuditAnchor anchor;
            try {
                anchor = AuditAnchor.parse(line.line());
            } catch (IllegalArgumentException e) {
                violations.add(new AuditViolation(0, AuditViolation.Kind.ANCHOR_FORGED,
                        line.where() + " is not an audit anchor (" + e.getMessage() + ")"));
                continue;
            }
            Anchored anchored = new Anchored(anchor, line.where());
            Optional<String> problem = signer.problem(anchor.statementBytes(), anchor.signature());
            if (problem.isPresent()) {
                violations.add(new AuditViolation(anchor.seq(), AuditViolation.Kind.ANCHOR_FORGED,
                        anchored.names() + ", but its signature is not the hub's: " + problem.get()));
            } else if (anchor.seq() >= fromSeq && anchor.seq() <= toSeq) {
                waiting.computeIfAbsent(anchor.seq(), seq -> new ArrayList<>()).add(anchored);
                lastAnchoredSeq = Math.max(lastAnchoredSeq, anchor.seq());
            }
        }
    }

    /** Called for every row, in sequence order. */
    void check(AuditRow row) {
        lastRowSeq = row.seq();
        List<Anchored> anchors = waiting.remove(row.seq());
        if (anchors == null) {
            return;
        }
        for (Anchored anchored : anchors) {
            checked++;
            if (!anchored.anchor().hash().equals(row.hash())) {
                violations.add(new AuditViolation(row.seq(), AuditViolation.Kind.ANCHORED_ROW_DIFFERS,
                        anchored.names() + ", the row's hash is " + row.hash()));
            }
        }
    }

    /** The anchors no row answered, then everything found, in the order of the rows named. */
    List<AuditViolation> violations() {
        waiting.values().forEach(anchors -> anchors.forEach(anchored -> {
            checked++;
            String table = anchored.anchor().seq() > lastRowSeq
                    ? (lastRowSeq == 0 ? "the table has no rows" : "the table ends at row " + lastRowSeq)
                    : "the table has no row " + anchored.anchor().seq();
            violations.add(new AuditViolation(anchored.anchor().seq(), AuditViolation.Kind.ANCHORED_ROW_MISSING,
                    anchored.names() + ", " + table));
        }));
        waiting.clear();
        return violations;
    }

    long checked() {
        return checked;
    }

    long lastAnchoredSeq() {
        return lastAnchoredSeq;
    }
}
