package jp.renkei.hub.core.audit;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jp.renkei.hub.core.monitoring.HubMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail in {@code hub.audit_event}, appended with group commit ({@link AuditAppender}): the entries of
 * concurrent callers are written together in one transaction of their own, under one transaction-scoped advisory
 * lock that every appender of the database (every hub node) takes, so each batch continues the chain from the last
 * committed row. A caller gets its sequence number only after that commit, and a failed batch fails every caller
 * in it.
 *
 * <p>Events of a request that writes data go into {@code hub.audit_pending} inside the data's own transaction
 * ({@link #recordWithCurrentTransaction}): one commit for both, and a rollback takes the event with the data. Under
 * the same advisory lock the appender moves committed pending rows into the chain, in the order it sees them:
 * before every batch it writes, {@link #CHAIN_DELAY} after a pending row committed when no batch came, every
 * {@link #SWEEP_INTERVAL} for rows another node or a crash left, and at start-up.
 */
@Component
public class JdbcAuditTrail implements AuditTrail, DisposableBean {

    /** The advisory-lock key all appenders serialise on ("RENKEIAU" in ASCII). */
    static final long APPEND_LOCK_KEY = 0x52454E4B45494155L;

    /** Longer than any sane commit: a caller waiting this long has its request failed rather than hang. */
    static final Duration MAX_WAIT = Duration.ofMinutes(2);

    /** How long a committed pending row may wait for a batch to chain it before it is chained on its own. */
    static final Duration CHAIN_DELAY = Duration.ofMillis(250);

    /** How often the appender looks for pending rows nobody told it about (other nodes, a crash). */
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(5);

    /** Pending rows moved per chaining statement; more wait for the next round. */
    static final int MAX_CHAINED = 1000;

    private static final Logger log = LoggerFactory.getLogger(JdbcAuditTrail.class);

    private static final String INSERT = "INSERT INTO hub.audit_event (" + AuditRow.COLUMNS + ") VALUES ("
            + ":seq, :recorded_at, :actor_kind, :actor_id, :facility_id, :roles, :patient_ref, :action, :resource, "
            + ":outcome, :status, :purpose, :source_ip, :detail, :prev_hash, :hash)";

    private static final String INSERT_PENDING = "INSERT INTO hub.audit_pending (actor_kind, actor_id, facility_id, "
            + "roles, patient_ref, action, resource, outcome, status, purpose, source_ip, detail) VALUES ("
            + ":actor_kind, :actor_id, :facility_id, :roles, :patient_ref, :action, :resource, :outcome, :status, "
            + ":purpose, :source_ip, :detail)";

    private static final String INSERT_CHAINED = "INSERT INTO hub.audit_event (" + AuditRow.COLUMNS + ", pending_id) VALUES ("
            + ":seq, :recorded_at, :actor_kind, :actor_id, :facility_id, :roles, :patient_ref, :action, :resource, "
            + ":outcome, :status, :purpose, :source_ip, :detail, :prev_hash, :hash, :pending_id)";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batchJdbc;
    private final TransactionTemplate ownTransaction;
    private final AuditAppender appender;

    /** Meters kept in memory only (tests, benchmarks). */
    public JdbcAuditTrail(JdbcClient jdbc, NamedParameterJdbcTemplate batchJdbc, PlatformTransactionManager transactions) {
        this(jdbc, batchJdbc, transactions, new HubMeters(new SimpleMeterRegistry()));
    }

    @Autowired
    public JdbcAuditTrail(JdbcClient jdbc, NamedParameterJdbcTemplate batchJdbc, PlatformTransactionManager transactions,
                          HubMeters meters) {
        this.jdbc = jdbc;
        this.batchJdbc = batchJdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        // Its own transaction: the event stays recorded when the request that caused it rolls back (the appender
        // thread has no transaction of its own; after close, callers write themselves and may have one).
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.appender = new AuditAppender(entries -> {
            long started = System.nanoTime();
            List<Long> seqs = writeBatch(entries);
            meters.auditAppend(System.nanoTime() - started);
            return seqs;
        }, this::chainFromAppender, CHAIN_DELAY, SWEEP_INTERVAL, MAX_WAIT);
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

    @Override
    public List<Long> recordAll(List<AuditEntry> entries) {
        entries.forEach(entry -> {
            Objects.requireNonNull(entry.action(), "action");
            Objects.requireNonNull(entry.outcome(), "outcome");
        });
        return appender.appendAll(entries);
    }

    /**
     * Writes the events as pending rows in the caller's transaction (which must exist): they commit or roll back
     * with it. After the commit the appender is told to chain them; until then they are durable but unchained.
     */
    @Override
    public void recordWithCurrentTransaction(List<AuditEntry> entries) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("recordWithCurrentTransaction needs the caller's transaction");
        }
        SqlParameterSource[] rows = entries.stream()
                .map(entry -> AuditRow.unchained(java.time.Instant.EPOCH, entry).columnValues())
                .map(MapSqlParameterSource::new)
                .toArray(SqlParameterSource[]::new);
        batchJdbc.batchUpdate(INSERT_PENDING, rows);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                appender.chainSoon();
            }
        });
    }

    /**
     * Chains every pending row now, in a transaction of its own (start-up, and tests standing in for a restart).
     *
     * @return how many rows were chained
     */
    public int chainPending() {
        return chainFromAppender(false);
    }

    /** @param announced a commit of pending rows was announced, so skip the probe for them (a transaction less) */
    private int chainFromAppender(boolean announced) {
        if (!announced && !jdbc.sql("SELECT EXISTS (SELECT 1 FROM hub.audit_pending)").query(Boolean.class).single()) {
            return 0;
        }
        Integer moved = ownTransaction.execute(status -> {
            // The pending rows are durable already, and this transaction only moves them: lost in a crash, it is
            // simply redone from the same rows, so it need not wait for its own WAL flush. A later synchronous
            // commit (every batch) flushes it anyway, since WAL is written in order.
            jdbc.sql("SET LOCAL synchronous_commit = off").update();
            lockAppends();
            ChainLink last = lastLink();
            int count = 0;
            List<ChainLink> round;
            do {
                round = chainPendingAfter(last);
                if (!round.isEmpty()) {
                    last = round.get(round.size() - 1);
                }
                count += round.size();
            } while (round.size() == MAX_CHAINED);
            return count;
        });
        return moved == null ? 0 : moved;
    }

    /** Chains what a crash or a stopped node left pending, before the hub takes requests. */
    @EventListener(ApplicationReadyEvent.class)
    public void chainLeftoversAtStartUp() {
        try {
            int chained = chainPending();
            if (chained > 0) {
                log.info("Audit trail: chained {} event(s) left pending by an earlier run", chained);
            }
        } catch (RuntimeException e) { // they stay pending and durable; the appender's sweep retries
            log.warn("Audit trail: pending events not chained at start-up ({}); retried within {}", e.toString(),
                    SWEEP_INTERVAL);
        }
    }

    /** Stops the appender thread without chaining anything: what a crashed node leaves behind (tests). */
    void stopAsIfCrashed() {
        appender.close();
    }

    /** Events written and commits taken since start-up. */
    public AuditAppender.Statistics statistics() {
        return appender.statistics();
    }

    /** Writes what is still waiting, then lets later events be written by their callers' threads. */
    @Override
    public void destroy() {
        appender.close();
        try {
            chainPending();
        } catch (RuntimeException e) { // they stay pending, durable, and are chained at the next start
            log.warn("Audit trail: pending events not chained at shutdown ({})", e.toString());
        }
        AuditAppender.Statistics done = appender.statistics();
        log.info("Audit trail: {} events appended in {} commits since start-up", done.entries(), done.commits());
    }

    /** Appends the entries, in order, in one transaction of its own; see {@link #appendAll}. */
    List<Long> writeBatch(List<AuditEntry> entries) {
        return Objects.requireNonNull(ownTransaction.execute(status -> appendAll(entries)));
    }

    /** Appends the entries, in order, within the caller's transaction (which must exist); commits nothing. */
    List<Long> appendAll(List<AuditEntry> entries) {
        LockedClock locked = lockAppends();
        // Rows other requests committed with their data come first: they happened before this batch was taken.
        ChainLink last = lastLink();
        List<ChainLink> chained = chainPendingAfter(last);
        if (!chained.isEmpty()) {
            last = chained.get(chained.size() - 1);
        }
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

    /**
     * Takes the cluster-wide append lock for the caller's transaction and reads the clock once it is held.
     */
    private LockedClock lockAppends() {
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
        return locked;
    }

    private ChainLink lastLink() {
        return jdbc.sql("SELECT seq, hash FROM hub.audit_event ORDER BY seq DESC LIMIT 1")
                .query(ChainLink.MAPPER)
                .optional()
                .orElse(ChainLink.GENESIS);
    }

    /**
     * Moves committed pending rows (at most {@link #MAX_CHAINED}) into the chain after {@code last}, under the
     * append lock the caller holds. Only rows committed before this statement are visible (READ COMMITTED), so
     * the chain takes them in the order they became visible to the appender, ties broken by their pending id;
     * the seq each gets records that order. Inserting the chained copy and deleting the pending row happen in
     * the caller's transaction: both or neither.
     */
    private List<ChainLink> chainPendingAfter(ChainLink last) {
        List<PendingRow> pending = jdbc.sql("SELECT id, recorded_at, actor_kind, actor_id, facility_id, roles, patient_ref, "
                        + "action, resource, outcome, status, purpose, source_ip, detail, 0 AS seq, NULL AS prev_hash, "
                        + "NULL AS hash FROM hub.audit_pending ORDER BY id LIMIT " + MAX_CHAINED)
                .query((rs, n) -> new PendingRow(rs.getLong("id"), AuditRow.MAPPER.mapRow(rs, n)))
                .list();
        if (pending.isEmpty()) {
            return List.of();
        }
        List<ChainLink> links = new ArrayList<>(pending.size());
        SqlParameterSource[] rows = new SqlParameterSource[pending.size()];
        List<Long> ids = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            AuditRow row = pending.get(i).row().chainedAfter(last);
            MapSqlParameterSource values = new MapSqlParameterSource(row.columnValues());
            values.addValue("pending_id", pending.get(i).id());
            rows[i] = values;
            ids.add(pending.get(i).id());
            last = row.link();
            links.add(last);
        }
        batchJdbc.batchUpdate(INSERT_CHAINED, rows);
        jdbc.sql("DELETE FROM hub.audit_pending WHERE id IN (:ids)").param("ids", ids).update();
        return links;
    }

    private record PendingRow(long id, AuditRow row) {
    }

    private record LockedClock(OffsetDateTime now, String isolation) {
    }
}
