package jp.renkei.hub.core.audit;

import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-hashes the audit trail row by row and checks that each row links to the one before it. Rows are
 * streamed in sequence order, never loaded all at once.
 *
 * <p>What it can prove: no row inside the checked range was edited, removed or moved. What it cannot: that
 * no rows were cut off after the last one. Events still pending (committed with their request's data, not yet
 * chained) are counted, not checked: they have no hash yet.
 */
@Component
public class AuditVerifier {

    /** Beyond this many, further violations are counted as rows checked but not listed. */
    public static final int MAX_LISTED_VIOLATIONS = 1000;

    private static final int FETCH_SIZE = 500;

    private final JdbcClient streaming;
    private final TransactionTemplate readOnly;

    public AuditVerifier(DataSource dataSource, PlatformTransactionManager transactions) {
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
        try (Stream<AuditRow> rows = streaming
                .sql("SELECT " + AuditRow.COLUMNS + " FROM hub.audit_event WHERE seq BETWEEN :from AND :to ORDER BY seq")
                .param("from", fromSeq)
                .param("to", toSeq)
                .query(AuditRow.MAPPER)
                .stream()) {
            rows.forEach(chain::check);
        }
        AuditVerification checked = chain.result();
        long pending = streaming.sql("SELECT count(*) FROM hub.audit_pending").query(Long.class).single();
        return new AuditVerification(checked.rowsChecked(), checked.violations(), pending);
    }
}
