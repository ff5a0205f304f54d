package jp.renkei.hub.core.audit;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail in {@code hub.audit_event}, appended with group commit ({@link AuditAppender}): the entries of
 * concurrent callers are written together in one transaction of their own, under one transaction-scoped advisory
 * lock that every appender of the database (every hub node) takes, so each batch continues the chain from the last
 * committed row. A caller gets its sequence number only after that commit, and a failed batch fails every caller
 * in it.
 */
@Component
public class JdbcAuditTrail implements AuditTrail, DisposableBean {

    /** The advisory-lock key all appenders serialise on ("RENKEIAU" in ASCII). */
    static final long APPEND_LOCK_KEY = 0x52454E4B45494155L;

    /** Longer than any sane commit: a caller waiting this long has its request failed rather than hang. */
    static final Duration MAX_WAIT = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(JdbcAuditTrail.class);

    private static final String INSERT = "INSERT INTO hub.audit_event (" + AuditRow.COLUMNS + ") VALUES ("
            + ":seq, :recorded_at, :actor_kind, :actor_id, :facility_id, :roles, :patient_ref, :action, :resource, "
            + ":outcome, :status, :purpose, :source_ip, :detail, :prev_hash, :hash)";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batchJdbc;
    private final TransactionTemplate ownTransaction;
    private final AuditAppender appender;

    public JdbcAuditTrail(JdbcClient jdbc, NamedParameterJdbcTemplate batchJdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.batchJdbc = batchJdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        // Its own transaction: the event stays recorded when the request that caused it rolls back (the appender
        // thread has no transaction of its own; after close, callers write themselves and may have one).
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.appender = new AuditAppender(this::writeBatch, MAX_WAIT);
    }

    @Override
    public long record(AuditEntry entry) {
        return submit(entry).await();
    }

    @Override
    public Appending submit(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        // Refused here, in the caller's thread, so an unusable entry cannot fail the batch of other callers.
        Objects.requireNonNull(entry.action(), "action");
        Objects.requireNonNull(entry.outcome(), "outcome");
        return appender.submit(entry);
    }

    /** Events written and commits taken since start-up. */
    public AuditAppender.Statistics statistics() {
        return appender.statistics();
    }

    /** Writes what is still waiting, then lets later events be written by their callers' threads. */
    @Override
    public void destroy() {
        appender.close();
        AuditAppender.Statistics done = appender.statistics();
        log.info("Audit trail: {} events appended in {} commits since start-up", done.entries(), done.commits());
    }

    /** Appends the entries, in order, in one transaction of its own; see {@link #appendAll}. */
    List<Long> writeBatch(List<AuditEntry> entries) {
        return Objects.requireNonNull(ownTransaction.execute(status -> appendAll(entries)));
    }

    /** Appends the entries, in order, within the caller's transaction (which must exist); commits nothing. */
    List<Long> appendAll(List<AuditEntry> entries) {
        // The lock function is in FROM, so the clock is read after the lock is held: times follow seq order.
        // Each later statement must see the rows committed while this one waited for the lock; a snapshot taken
        // at the first statement (REPEATABLE READ) would miss them and reuse a sequence number. PostgreSQL's
        // default is READ COMMITTED; the hub's JPA transaction manager cannot set levels per transaction, so
        // check it (in the same round trip).
        LockedClock locked = jdbc.sql("SELECT clock_timestamp() AS now, current_setting('transaction_isolation') AS isolation "
                        + "FROM pg_advisory_xact_lock(:key)")
                .param("key", APPEND_LOCK_KEY)
                .query((rs, row) -> new LockedClock(rs.getObject("now", OffsetDateTime.class), rs.getString("isolation")))
                .single();
        if (!"read committed".equals(locked.isolation())) {
            throw new IllegalStateException("Audit appends need READ COMMITTED, the database runs " + locked.isolation());
        }
        ChainLink last = jdbc.sql("SELECT seq, hash FROM hub.audit_event ORDER BY seq DESC LIMIT 1")
                .query(ChainLink.MAPPER)
                .optional()
                .orElse(ChainLink.GENESIS);
        // One time for the batch: its rows are committed together, and the next batch's clock is read later.
        List<Long> seqs = new ArrayList<>(entries.size());
        SqlParameterSource[] rows = new SqlParameterSource[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            AuditRow row = AuditRow.sealed(last, locked.now().toInstant(), entries.get(i));
            rows[i] = new MapSqlParameterSource(row.columnValues());
            seqs.add(row.seq());
            last = row.link();
        }
        batchJdbc.batchUpdate(INSERT, rows);
        return seqs;
    }

    private record LockedClock(OffsetDateTime now, String isolation) {
    }
}
