package jp.renkei.hub.core.audit;

import java.time.OffsetDateTime;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail in {@code hub.audit_event}. Appenders take turns under one transaction-scoped advisory
 * lock, so each event gets the sequence number after the last one and links to its hash.
 */
@Component
public class JdbcAuditTrail implements AuditTrail {

    /** The advisory-lock key all appenders serialise on ("RENKEIAU" in ASCII). */
    static final long APPEND_LOCK_KEY = 0x52454E4B45494155L;

    private static final String INSERT = "INSERT INTO hub.audit_event (" + AuditRow.COLUMNS + ") VALUES ("
            + ":seq, :recorded_at, :actor_kind, :actor_id, :facility_id, :roles, :patient_ref, :action, :resource, "
            + ":outcome, :status, :purpose, :source_ip, :detail, :prev_hash, :hash)";

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    public JdbcAuditTrail(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        // Its own transaction: the event stays recorded when the request that caused it rolls back.
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public long record(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        Long seq = ownTransaction.execute(status -> append(entry));
        return Objects.requireNonNull(seq);
    }

    private long append(AuditEntry entry) {
        // Each statement must see the rows committed while it waited for the lock; a snapshot taken at the
        // first statement (REPEATABLE READ) would miss them and reuse a sequence number. PostgreSQL's default
        // is READ COMMITTED; the hub's JPA transaction manager cannot set levels per transaction, so check it.
        String isolation = jdbc.sql("SHOW transaction_isolation").query(String.class).single();
        if (!"read committed".equals(isolation)) {
            throw new IllegalStateException("Audit appends need READ COMMITTED, the database runs " + isolation);
        }
        // The lock function is in FROM, so the clock is read after the lock is held: times follow seq order.
        OffsetDateTime now = jdbc.sql("SELECT clock_timestamp() FROM pg_advisory_xact_lock(:key)")
                .param("key", APPEND_LOCK_KEY)
                .query(OffsetDateTime.class)
                .single();
        ChainLink last = jdbc.sql("SELECT seq, hash FROM hub.audit_event ORDER BY seq DESC LIMIT 1")
                .query(ChainLink.MAPPER)
                .optional()
                .orElse(ChainLink.GENESIS);
        AuditRow row = AuditRow.sealed(last, now.toInstant(), entry);
        jdbc.sql(INSERT).params(row.columnValues()).update();
        return row.seq();
    }
}
