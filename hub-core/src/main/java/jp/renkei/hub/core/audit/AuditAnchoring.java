package jp.renkei.hub.core.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jp.renkei.hub.core.pki.StatementSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs the audit chain's head and writes it outside the database ({@link AuditAnchorFiles}, and one line in the
 * application log), so that rows cut off the end of the chain are noticed by {@link AuditVerifier}. Runs every
 * {@code renkei.audit.anchors.interval} when the chain has advanced, and at shutdown after the web server
 * stopped.
 *
 * <p>Once per cluster: an anchor is made under a transaction-scoped advisory lock that one node takes at a time
 * (the others skip that round), and {@code hub.audit_anchor} records when the last one was made, so nodes sharing
 * the database make one anchor per interval between them. That table only coordinates; the files are the anchors.
 */
@Component
@EnableConfigurationProperties(AuditAnchorProperties.class)
public class AuditAnchoring implements SmartLifecycle {

    /** The advisory-lock key of anchoring ("RENKEIAN" in ASCII); appends use another, so they never wait for it. */
    static final long ANCHOR_LOCK_KEY = 0x52454E4B4549414EL;

    private static final Logger log = LoggerFactory.getLogger(AuditAnchoring.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final StatementSigner signer;
    private final AuditAnchorFiles files;
    private final AuditAnchorProperties properties;
    private final JdbcAuditTrail trail;
    private ScheduledExecutorService scheduler;

    @Autowired
    public AuditAnchoring(JdbcClient jdbc, PlatformTransactionManager transactions, StatementSigner signer,
                          AuditAnchorFiles files, AuditAnchorProperties properties, JdbcAuditTrail trail) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.signer = signer;
        this.files = files;
        this.properties = properties;
        this.trail = trail;
    }

    /** The head of the chain as last anchored by any node, from the coordination table. */
    private record LastAnchor(long seq, String hash, Instant anchoredAt) {
    }

    /** Anchors the chain's head if it moved since the last anchor, however recent that is (shutdown, tests). */
    public Optional<AuditAnchor> anchorNow() {
        return anchor(true);
    }

    /** Anchors the chain's head if it moved and the last anchor is at least one interval old. */
    public Optional<AuditAnchor> anchorIfDue() {
        return anchor(false);
    }

    private Optional<AuditAnchor> anchor(boolean evenIfRecent) {
        return ownTransaction.execute(status -> {
            Boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)").param("key", ANCHOR_LOCK_KEY)
                    .query(Boolean.class).single();
            if (!locked) {
                return Optional.<AuditAnchor>empty(); // another node is anchoring right now
            }
            Optional<ChainLink> head = jdbc.sql("SELECT seq, hash FROM hub.audit_event ORDER BY seq DESC LIMIT 1")
                    .query(ChainLink.MAPPER).optional();
            if (head.isEmpty()) {
                return Optional.<AuditAnchor>empty();
            }
            Optional<LastAnchor> last = jdbc.sql("SELECT seq, hash, anchored_at FROM hub.audit_anchor ORDER BY id DESC LIMIT 1")
                    .query((rs, n) -> new LastAnchor(rs.getLong("seq"), rs.getString("hash"),
                            rs.getObject("anchored_at", OffsetDateTime.class).toInstant()))
                    .optional();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            if (last.isPresent()) {
                LastAnchor previous = last.get();
                if (previous.seq() == head.get().seq() && previous.hash().equals(head.get().hash())) {
                    return Optional.<AuditAnchor>empty();
                }
                if (!evenIfRecent && Duration.between(previous.anchoredAt(), now).compareTo(properties.interval()) < 0) {
                    return Optional.<AuditAnchor>empty();
                }
                if (head.get().seq() <= previous.seq()) {
                    // Rows were removed or rewritten since the last anchor: verification names it; anchor the truth.
                    log.error("Audit anchoring: the chain ends at row {}, the anchor of {} named row {} with hash {}",
                            head.get().seq(), previous.anchoredAt(), previous.seq(), previous.hash());
                }
            }
            String statement = AuditAnchor.statement(head.get().seq(), head.get().hash(), now);
            AuditAnchor anchor = new AuditAnchor(head.get().seq(), head.get().hash(), now,
                    signer.sign(statement.getBytes(StandardCharsets.UTF_8)));
            files.append(anchor);
            log.info("Audit anchor {}", anchor.line());
            jdbc.sql("INSERT INTO hub.audit_anchor (seq, hash, anchored_at) VALUES (:seq, :hash, :at)")
                    .param("seq", anchor.seq())
                    .param("hash", anchor.hash())
                    .param("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .update();
            return Optional.of(anchor);
        });
    }

    @Override
    public synchronized void start() {
        if (scheduler != null || !properties.enabled()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "audit-anchoring");
            thread.setDaemon(true);
            return thread;
        });
        // Looked at five times per interval, so another node's recent anchor delays this one by a fifth at most.
        long tick = Math.max(1000, properties.interval().toMillis() / 5);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                anchorIfDue();
            } catch (RuntimeException e) { // the next round tries again; the chain itself is unaffected
                log.warn("Audit anchoring failed, retried in {} ms", tick, e);
            }
        }, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Stops the schedule and anchors what the last requests appended (the web server has stopped by now). */
    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            // A round under way finishes (it holds the lock); interrupting it would not stop its JDBC call anyway.
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        try {
            trail.chainPending();
            anchorNow();
        } catch (RuntimeException e) {
            log.warn("Audit anchoring at shutdown failed ({})", e.toString());
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Stopped after the web server (whose stop phases are higher), so the last requests' events are anchored. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
