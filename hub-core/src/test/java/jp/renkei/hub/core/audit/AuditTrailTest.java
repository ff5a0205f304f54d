package jp.renkei.hub.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jp.renkei.hub.core.testsupport.HubCoreTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@HubCoreTest
class AuditTrailTest {

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditQuery query;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void recordsEveryFieldAndLinksEachEventToThePreviousOne() {
        String actor = AuditEntries.unique("dr");
        Instant before = Instant.now().minusSeconds(5);
        long first = trail.record(AuditEntries.read(actor, "Patient/7"));
        long second = trail.record(new AuditEntry("SYSTEM", actor, "fac-0202", Set.of("GATEWAY"), null,
                AuditAction.CREATE, "POST /fhir/Observation", AuditOutcome.FAILED, 422, null, "198.51.100.7",
                "missing subject"));

        assertThat(second).isEqualTo(first + 1);
        AuditRecord read = query.find(first).orElseThrow();
        assertThat(read.recordedAt()).isBetween(before, Instant.now().plusSeconds(5));
        assertThat(read).usingRecursiveComparison().ignoringFields("recordedAt", "prevHash", "hash")
                .isEqualTo(new AuditRecord(first, null, "PERSON", actor, "fac-0101", List.of("DOCTOR", "NURSE"),
                        "Patient/7", AuditAction.READ, "GET /fhir/Observation/42", AuditOutcome.SUCCESS, 200,
                        "TREAT", "192.0.2.10", null, null, null));
        AuditRecord next = query.find(second).orElseThrow();
        assertThat(next.prevHash()).isEqualTo(read.hash());
        assertThat(next.recordedAt()).isAfterOrEqualTo(read.recordedAt());
        assertThat(next.roles()).containsExactly("GATEWAY");
        assertThat(next.patientRef()).isNull();
        assertThat(next.detail()).isEqualTo("missing subject");

        assertThat(verifier.verify(first, second)).isEqualTo(new AuditVerification(2, List.of()));
        AuditVerification whole = verifier.verify();
        assertThat(whole.ok()).as("%s", whole.violations()).isTrue();
        assertThat(whole.rowsChecked()).isGreaterThanOrEqualTo(second);
    }

    @Test
    void overlongOrUnstorableTextIsShortenedOrReplacedInsteadOfLosingTheEvent() {
        String actor = AuditEntries.unique("odd") + "\u0000x";
        long seq = trail.record(new AuditEntry("ANONYMOUS", actor, null, null, null, AuditAction.AUTHENTICATE,
                "/" + "p".repeat(5000), AuditOutcome.UNAUTHENTICATED, 401, null, null, "d".repeat(10_000) + "\uD800"));

        AuditRecord stored = query.find(seq).orElseThrow();
        assertThat(stored.actorId()).endsWith("\uFFFDx");
        assertThat(stored.resource()).hasSize(2048).endsWith("\u2026");
        assertThat(stored.detail()).hasSize(4000).endsWith("\u2026");
        assertThat(stored.roles()).isEmpty();
        assertThat(verifier.verify(seq, seq).ok()).isTrue();
    }

    @Test
    void anEventOutlivesTheRollbackOfTheRequestThatCausedIt() {
        String actor = AuditEntries.unique("rollback");
        AtomicLong seq = new AtomicLong();
        TransactionTemplate request = new TransactionTemplate(transactions);

        assertThatThrownBy(() -> request.executeWithoutResult(status -> {
            seq.set(trail.record(AuditEntries.read(actor, "Patient/9")));
            throw new IllegalStateException("the request failed after auditing");
        })).hasMessageContaining("request failed");

        assertThat(query.find(seq.get())).get().extracting(AuditRecord::actorId).isEqualTo(actor);
    }

    @Test
    void concurrentAppendersGetContiguousSequenceNumbersAndAnIntactChain() throws Exception {
        String actor = AuditEntries.unique("busy");
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Callable<List<Long>> appender = () -> {
                    start.await();
                    List<Long> seqs = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        seqs.add(trail.record(AuditEntries.read(actor, "Patient/" + i)));
                    }
                    return seqs;
                };
                results.add(pool.submit(appender));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                all.addAll(result.get(2, TimeUnit.MINUTES));
            }

            long min = all.stream().mapToLong(Long::longValue).min().orElseThrow();
            assertThat(all).hasSize(threads * perThread).doesNotHaveDuplicates()
                    .allMatch(seq -> seq >= min && seq < min + threads * perThread);
            assertThat(verifier.verify(min, min + threads * perThread - 1))
                    .isEqualTo(new AuditVerification(threads * perThread, List.of()));
        } finally {
            pool.shutdownNow();
        }
    }
}
