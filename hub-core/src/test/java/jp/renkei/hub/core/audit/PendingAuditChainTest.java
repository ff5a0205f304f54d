package jp.renkei.hub.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jp.renkei.hub.core.testsupport.HubCoreTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events written with a request's data ("pending") against the real database: durable with the data, shown by
 * searches and counted by verification while pending, chained in order by the appender, and chained at the next
 * start when the node crashed between the data's commit and the chaining.
 */
@HubCoreTest
class PendingAuditChainTest {

    @Autowired
    JdbcAuditTrail trail;
    @Autowired
    AuditQuery query;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    NamedParameterJdbcTemplate batchJdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aCrashAfterTheDataCommitLosesNothingTheNextStartChainsItAndTheTrailVerifies() {
        String actor = AuditEntries.unique("crashed");
        committedThenCrashed(
                AuditEntries.of(actor, "fac-0101", "Patient/1", AuditAction.CREATE, AuditOutcome.SUCCESS),
                AuditEntries.of(actor, "fac-0101", "Patient/2", AuditAction.UPDATE, AuditOutcome.SUCCESS));

        // Committed, not chained: searches show the events as pending, and verification counts, not flags, them.
        List<AuditRecord> shown = query.search(AuditFilter.any().withActorId(actor));
        if (shown.stream().allMatch(AuditRecord::pending)) { // the running hub's sweep may have chained them already
            assertThat(shown).extracting(AuditRecord::patientRef).containsExactly("Patient/2", "Patient/1");
            assertThat(shown).extracting(AuditRecord::hash).containsOnlyNulls();
            assertThat(query.find(shown.get(0).seq())).get().extracting(AuditRecord::actorId).isEqualTo(actor);
            AuditVerification whilePending = verifier.verify();
            assertThat(whilePending.violations()).isEmpty();
            assertThat(whilePending.pending()).isGreaterThanOrEqualTo(2);
        }

        JdbcAuditTrail restarted = new JdbcAuditTrail(jdbc, batchJdbc, transactions);
        try {
            restarted.chainLeftoversAtStartUp();
        } finally {
            restarted.destroy();
        }

        List<AuditRecord> chained = query.search(AuditFilter.any().withActorId(actor));
        assertThat(chained).noneMatch(AuditRecord::pending);
        assertThat(chained).extracting(AuditRecord::patientRef).containsExactly("Patient/2", "Patient/1");
        assertThat(chained.get(0).seq()).isEqualTo(chained.get(1).seq() + 1);
        assertThat(chained.get(0).prevHash()).isEqualTo(chained.get(1).hash());
        assertThat(pendingOf(actor)).isZero();
        AuditVerification verified = verifier.verify();
        assertThat(verified.violations()).isEmpty();
    }

    @Test
    void aRolledBackTransactionLeavesNoPendingEvent() {
        String actor = AuditEntries.unique("rolled-back");
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        assertThatThrownBy(() -> transaction.executeWithoutResult(tx -> {
            trail.recordWithCurrentTransaction(List.of(
                    AuditEntries.of(actor, "fac-0101", "Patient/1", AuditAction.CREATE, AuditOutcome.SUCCESS)));
            throw new IllegalStateException("the data write fails");
        })).hasMessage("the data write fails");

        assertThat(pendingOf(actor)).isZero();
        assertThat(query.search(AuditFilter.any().withActorId(actor))).isEmpty();
    }

    @Test
    void pendingEventsAreChainedShortlyAfterTheirCommitAndBeforeTheNextBatch() throws Exception {
        String actor = AuditEntries.unique("pending-first");
        new TransactionTemplate(transactions).executeWithoutResult(tx -> trail.recordWithCurrentTransaction(List.of(
                AuditEntries.of(actor, "fac-0101", "Patient/1", AuditAction.CREATE, AuditOutcome.SUCCESS))));
        long plain = trail.record(AuditEntries.of(actor, "fac-0101", "Patient/2", AuditAction.READ, AuditOutcome.SUCCESS));

        // The batch that wrote the plain event chained the committed pending one before it.
        List<AuditRecord> events = query.search(AuditFilter.any().withActorId(actor));
        assertThat(events).extracting(AuditRecord::patientRef).containsExactly("Patient/2", "Patient/1");
        assertThat(events.get(1).seq()).isEqualTo(plain - 1);

        String alone = AuditEntries.unique("pending-alone");
        new TransactionTemplate(transactions).executeWithoutResult(tx -> trail.recordWithCurrentTransaction(List.of(
                AuditEntries.of(alone, "fac-0101", "Patient/3", AuditAction.CREATE, AuditOutcome.SUCCESS))));
        for (int i = 0; i < 100 && pendingOf(alone) > 0; i++) {
            Thread.sleep(50);
        }
        assertThat(pendingOf(alone)).as("chained without any batch, after the chain delay").isZero();
        assertThat(query.search(AuditFilter.any().withActorId(alone))).singleElement()
                .satisfies(record -> assertThat(record.pending()).isFalse());
    }

    @Test
    void aPendingEventCanNeitherBeChangedNorRemovedOutsideTheMoveIntoTheChain() {
        String actor = AuditEntries.unique("protected");
        committedThenCrashed(
                AuditEntries.of(actor, "fac-0101", "Patient/1", AuditAction.DELETE, AuditOutcome.SUCCESS));

        assertThatThrownBy(() -> jdbc.sql("UPDATE hub.audit_pending SET outcome = 'FAILED' WHERE actor_id = ?")
                .param(actor).update()).hasStackTraceContaining("only moved into the chain");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM hub.audit_pending WHERE actor_id = ?").param(actor).update())
                .hasStackTraceContaining("only moved into the chain");
        trail.chainPending();
        assertThat(pendingOf(actor)).isZero();
        assertThat(query.search(AuditFilter.any().withActorId(actor))).singleElement()
                .satisfies(record -> assertThat(record.outcome()).isEqualTo(AuditOutcome.SUCCESS));
    }

    @Test
    void aChainingThatFailsHalfWayLeavesEveryEventPendingAndAnotherAttemptChainsThem() {
        String actor = AuditEntries.unique("half-way");
        JdbcAuditTrail crashed = committedThenCrashed(
                AuditEntries.of(actor, "fac-0101", "Patient/1", AuditAction.CREATE, AuditOutcome.SUCCESS));
        long chainedBefore = jdbc.sql("SELECT count(*) FROM hub.audit_event").query(Long.class).single();

        // The move's INSERT into the chain succeeds, then its transaction fails before the commit.
        TransactionTemplate failing = new TransactionTemplate(transactions);
        assertThatThrownBy(() -> failing.executeWithoutResult(tx -> {
            crashed.appendAll(List.of());
            throw new IllegalStateException("power cut before the commit");
        })).hasMessage("power cut before the commit");

        assertThat(pendingOf(actor)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM hub.audit_event WHERE actor_id = ?").param(actor).query(Long.class)
                .single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM hub.audit_event").query(Long.class).single())
                .isGreaterThanOrEqualTo(chainedBefore);
        trail.chainPending();
        assertThat(pendingOf(actor)).isZero();
        assertThat(verifier.verify().violations()).isEmpty();
    }

    /** A node that committed the events with its data and crashed before chaining them. */
    private JdbcAuditTrail committedThenCrashed(AuditEntry... entries) {
        JdbcAuditTrail crashed = new JdbcAuditTrail(jdbc, batchJdbc, transactions);
        crashed.stopAsIfCrashed();
        new TransactionTemplate(transactions).executeWithoutResult(tx -> crashed.recordWithCurrentTransaction(List.of(entries)));
        return crashed;
    }

    private long pendingOf(String actor) {
        return jdbc.sql("SELECT count(*) FROM hub.audit_pending WHERE actor_id = ?").param(actor).query(Long.class).single();
    }
}
