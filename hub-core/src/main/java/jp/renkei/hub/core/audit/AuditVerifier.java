package jp.renkei.hub.core.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jp.renkei.hub.core.pki.StatementSigner;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-hashes the audit trail row by row and checks that each row links to the one before it. Rows are
 * streamed in sequence order, never loaded all at once.
 *
 * <p>What it can prove: no row inside the checked range was edited, removed or moved. Rows cut off after the
 * last one are found through the signed anchors ({@link AuditAnchoring}): each anchor in the range must name a
 * row that exists with the anchored hash, and each must carry a valid signature of the hub CA's anchoring key.
 * Rows after the newest anchor are covered by the chain only. Events still pending (committed with their
 * request's data, not yet chained) are counted, not checked: they have no hash yet.
 */
@Component
public class AuditVerifier {

    /** Beyond this many, further violations are counted as rows checked but not listed. */
    public static final int MAX_LISTED_VIOLATIONS = 1000;

    private static final int FETCH_SIZE = 500;

    private final JdbcClient streaming;
    private final TransactionTemplate readOnly;
    private final AuditAnchorFiles anchors;
    private final StatementSigner signer;

    /** A verifier of the chain alone, without anchors (benchmarks). */
    public AuditVerifier(DataSource dataSource, PlatformTransactionManager transactions) {
        this(dataSource, transactions, null, null);
    }

    /** @param anchors null (with signer) for none */
    @Autowired
    public AuditVerifier(DataSource dataSource, PlatformTransactionManager transactions, AuditAnchorFiles anchors,
                         StatementSigner signer) {
        this.anchors = anchors;
        this.signer = signer;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        // PostgreSQL fetches in batches (instead of the whole result) only with a fetch size inside a transaction.
        template.setFetchSize(FETCH_SIZE);
        this.streaming = JdbcClient.create(template);
        this.readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
    }

    /** Checks the whole trail. */
    public AuditVerification verify() {
        return verify(1, Long.MAX_VALUE);
    }

    /**
     * Checks the rows with {@code fromSeq <= seq <= toSeq}; the first of them is checked against the row
     * before it, so a row missing just before the range is reported too.
     */
    public AuditVerification verify(long fromSeq, long toSeq) {
        return readOnly.execute(status -> check(fromSeq, toSeq));
    }

    private AuditVerification check(long fromSeq, long toSeq) {
        ChainLink before = streaming.sql("SELECT seq, hash FROM hub.audit_event WHERE seq < :from ORDER BY seq DESC LIMIT 1")
                .param("from", fromSeq)
                .query(ChainLink.MAPPER)
                .optional()
                .orElse(ChainLink.GENESIS);
        ChainCheck chain = new ChainCheck(before, MAX_LISTED_VIOLATIONS);
        AnchorCheck anchored = new AnchorCheck(anchors == null ? List.of() : anchors.readAll(), signer, fromSeq, toSeq);
        try (Stream<AuditRow> rows = streaming
                .sql("SELECT " + AuditRow.COLUMNS + " FROM hub.audit_event WHERE seq BETWEEN :from AND :to ORDER BY seq")
                .param("from", fromSeq)
                .param("to", toSeq)
                .query(AuditRow.MAPPER)
                .stream()) {
            rows.forEach(row -> {
                chain.check(row);
                anchored.check(row);
            });
        }
        AuditVerification checked = chain.result();
        List<AuditViolation> violations = new ArrayList<>(checked.violations());
        violations.addAll(anchored.violations());
        violations.sort(Comparator.comparingLong(AuditViolation::seq)); // stable: a row's own findings first
        long pending = streaming.sql("SELECT count(*) FROM hub.audit_pending").query(Long.class).single();
        return new AuditVerification(checked.rowsChecked(),
                violations.subList(0, Math.min(violations.size(), MAX_LISTED_VIOLATIONS)), pending,
                anchored.checked(), anchored.lastAnchoredSeq());
    }
}
