package jp.renkei.hub.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jp.renkei.hub.core.testsupport.HubCoreTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit of the audit trail against the real database: appenders built here around the hub's own batch
 * write, with a writer that can be held or made to fail, so that batches form exactly as each test needs.
 */
@HubCoreTest
class AuditGroupCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    JdbcAuditTrail trail;
    @Autowired
    AuditQuery query;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    PlatformTransactionManager transactions;

    private final ExecutorService callers = Executors.newFixedThreadPool(12);
    private TransactionTemplate ownTransaction;

    @BeforeEach
    void transactions() {
        ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void callersWaitingTogetherShareOneCommitAndGetGaplessNumbersInArrivalOrder() throws Exception {
        String actor = AuditEntries.unique("grouped");
        CountDownLatch firstBatchWriting = new CountDownLatch(1);
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        List<Integer> batchSizes = new ArrayList<>();
        try (AuditAppender appender = new AuditAppender(entries -> {
            batchSizes.add(entries.size());
            if (batchSizes.size() == 1) {
                firstBatchWriting.countDown();
                await(releaseFirstBatch);
            }
            return trail.writeBatch(entries);
        }, WAIT)) {
            Future<Long> first = callers.submit(() -> appender.append(AuditEntries.read(actor, "Patient/0")));
            await(firstBatchWriting);
            // While the first batch is held, ten callers arrive one after another.
            List<Future<Long>> later = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                String patient = "Patient/" + i;
                later.add(callers.submit(() -> appender.append(AuditEntries.read(actor, patient))));
                waitUntil(() -> appender.waiting() == later.size());
            }
            releaseFirstBatch.countDown();

            long firstSeq = first.get(30, TimeUnit.SECONDS);
            List<Long> seqs = new ArrayList<>();
            for (Future<Long> seq : later) {
                seqs.add(seq.get(30, TimeUnit.SECONDS));
            }
            assertThat(batchSizes).containsExactly(1, 10);
            assertThat(appender.statistics()).isEqualTo(new AuditAppender.Statistics(11, 2));
            // Arrival order is sequence order, and numbers continue the chain without a gap.
            List<Long> expected = new ArrayList<>();
            for (long s = firstSeq + 1; s <= firstSeq + 10; s++) {
                expected.add(s);
            }
            assertThat(seqs).isEqualTo(expected);
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(query.find(seqs.get(i)).orElseThrow().patientRef()).isEqualTo("Patient/" + (i + 1));
            }
            // One commit, one time for all ten; never earlier than the batch before.
            List<AuditRecord> grouped = seqs.stream().map(seq -> query.find(seq).orElseThrow()).toList();
            assertThat(grouped).extracting(AuditRecord::recordedAt).containsOnly(grouped.get(0).recordedAt());
            assertThat(grouped.get(0).recordedAt()).isAfterOrEqualTo(query.find(firstSeq).orElseThrow().recordedAt());
            assertThat(verifier.verify(firstSeq, firstSeq + 10)).isEqualTo(new AuditVerification(11, List.of()));
        }
    }

    @Test
    void aFailingBatchFailsEveryCallerInItAndTheNextBatchWorks() throws Exception {
        String actor = AuditEntries.unique("failing");
        CountDownLatch firstBatchWriting = new CountDownLatch(1);
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        AtomicInteger batches = new AtomicInteger();
        try (AuditAppender appender = new AuditAppender(entries -> {
            int batch = batches.incrementAndGet();
            if (batch == 1) {
                firstBatchWriting.countDown();
                await(releaseFirstBatch);
            }
            if (batch == 2) {
                // Fails inside the transaction, after the rows were inserted: they must roll back.
                return ownTransaction.execute(status -> {
                    trail.appendAll(entries);
                    throw new DataAccessResourceFailureException("disk full");
                });
            }
            return trail.writeBatch(entries);
        }, WAIT)) {
            Future<Long> first = callers.submit(() -> appender.append(AuditEntries.read(actor, "Patient/ok-1")));
            await(firstBatchWriting);
            List<Future<Long>> doomed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String patient = "Patient/lost-" + i;
                doomed.add(callers.submit(() -> appender.append(AuditEntries.read(actor, patient))));
                waitUntil(() -> appender.waiting() == doomed.size());
            }
            releaseFirstBatch.countDown();

            long before = first.get(30, TimeUnit.SECONDS);
            for (Future<Long> failed : doomed) {
                assertThatThrownBy(() -> failed.get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .getCause().isInstanceOf(DataAccessResourceFailureException.class).hasMessage("disk full");
            }
            long after = appender.append(AuditEntries.read(actor, "Patient/ok-2"));

            // Nothing of the failed batch is stored, and the chain goes on from the last committed row.
            assertThat(after).isGreaterThan(before);
            assertThat(query.search(AuditFilter.any().withActorId(actor))).extracting(AuditRecord::patientRef)
                    .containsExactlyInAnyOrder("Patient/ok-1", "Patient/ok-2");
            assertThat(verifier.verify(before, after).ok()).isTrue();
            assertThat(appender.statistics()).isEqualTo(new AuditAppender.Statistics(2, 2));
        }
    }

    @Test
    void concurrentCallersGetAGaplessVerifiableChainWhoseTimesFollowTheSequence() throws Exception {
        String actor = AuditEntries.unique("many");
        int threads = 12;
        int perThread = 40;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(callers.submit(() -> {
                await(start);
                List<Long> own = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    own.add(trail.record(AuditEntries.read(actor, "Patient/" + i)));
                }
                return own;
            }));
        }
        start.countDown();
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> result : results) {
            List<Long> own = result.get(2, TimeUnit.MINUTES);
            // One caller's events are numbered in the order it recorded them.
            assertThat(own).isSorted();
            all.addAll(own);
        }
        List<AuditRecord> stored = query.search(AuditFilter.any().withActorId(actor), AuditQuery.MAX_LIMIT, 0).stream()
                .sorted(Comparator.comparingLong(AuditRecord::seq))
                .toList();
        assertThat(stored).extracting(AuditRecord::seq).containsExactlyInAnyOrderElementsOf(all);
        for (int i = 1; i < stored.size(); i++) {
            assertThat(stored.get(i).recordedAt()).isAfterOrEqualTo(stored.get(i - 1).recordedAt());
        }
        long min = all.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = all.stream().mapToLong(Long::longValue).max().orElseThrow();
        // Gapless: other tests may append in between, but every number in the range exists and the chain holds.
        AuditVerification verification = verifier.verify(min, max);
        assertThat(verification.violations()).isEmpty();
        assertThat(verification.rowsChecked()).isEqualTo(max - min + 1);
    }

    @Test
    void closingDrainsWhatIsWaitingAndLaterEventsAreStillWritten() throws Exception {
        String actor = AuditEntries.unique("closing");
        CountDownLatch firstBatchWriting = new CountDownLatch(1);
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        AtomicInteger batches = new AtomicInteger();
        AuditAppender appender = new AuditAppender(entries -> {
            if (batches.incrementAndGet() == 1) {
                firstBatchWriting.countDown();
                await(releaseFirstBatch);
            }
            return trail.writeBatch(entries);
        }, WAIT);
        Future<Long> first = callers.submit(() -> appender.append(AuditEntries.read(actor, "Patient/1")));
        await(firstBatchWriting);
        Future<Long> waiting = callers.submit(() -> appender.append(AuditEntries.read(actor, "Patient/2")));
        waitUntil(() -> appender.waiting() == 1);
        Future<?> closing = callers.submit(appender::close);
        releaseFirstBatch.countDown();
        closing.get(30, TimeUnit.SECONDS);

        long seq1 = first.get(30, TimeUnit.SECONDS);
        long seq2 = waiting.get(30, TimeUnit.SECONDS);
        long seq3 = appender.append(AuditEntries.read(actor, "Patient/3"));
        assertThat(seq2).isGreaterThan(seq1);
        assertThat(seq3).isGreaterThan(seq2);
        assertThat(query.search(AuditFilter.any().withActorId(actor))).extracting(AuditRecord::patientRef)
                .containsExactlyInAnyOrder("Patient/1", "Patient/2", "Patient/3");
        assertThat(verifier.verify(seq1, seq3).ok()).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not reached");
            }
            Thread.sleep(5);
        }
    }
}
