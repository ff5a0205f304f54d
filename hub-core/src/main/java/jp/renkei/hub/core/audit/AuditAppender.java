package jp.renkei.hub.core.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the audit trail. Callers hand in their entry and wait; one appender thread takes everything
 * waiting (oldest first, at most {@link #MAX_BATCH}), has the {@link BatchWriter} write it in one transaction and
 * then wakes each caller with its sequence number or with the batch's failure. While one batch commits, the next
 * one gathers, so N concurrent requests wait for one durable commit instead of N commits in a row.
 *
 * <p>After {@link #close()} the thread drains what is waiting and stops; later entries are written by the caller's
 * own thread, one at a time, so nothing recorded during shutdown is dropped.
 *
 * <p>With a {@link Chainer}, the same thread also chains events that requests committed with their data: every
 * batch chains them first (the writer's job), and when no batch comes, {@link #chainSoon()} has the chainer run
 * once the chain delay has passed, so the rows of several requests share one commit. Every sweep interval it runs
 * anyway, for rows that nobody announced (another node's, a crash's).
 */
final class AuditAppender implements AutoCloseable {

    /** Writes entries, in this order, in one transaction and returns their sequence numbers. */
    @FunctionalInterface
    interface BatchWriter {
        List<Long> write(List<AuditEntry> entries);
    }

    /** Chains pending rows in a transaction of its own and returns how many it chained. */
    @FunctionalInterface
    interface Chainer {
        /** @param announced whether a commit of pending rows was announced (else a sweep: maybe none) */
        int chainPending(boolean announced);
    }

    /** What the appender has done so far: entries written and the commits (batches) it took. */
    record Statistics(long entries, long commits) {
    }

    static final int MAX_BATCH = 500;

    private static final Logger log = LoggerFactory.getLogger(AuditAppender.class);

    /** How long an idle appender sleeps before it looks at the closed flag again. */
    private static final long IDLE_POLL_MILLIS = 200;

    private final BatchWriter writer;
    private final Chainer chainer;
    private final long chainDelayNanos;
    private final long sweepNanos;
    private final Duration maxWait;
    /** When {@link #chainSoon()} was first called since the last chaining, or 0. */
    private final AtomicLong chainWantedSince = new AtomicLong();
    private long lastChained = System.nanoTime();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final AtomicLong entriesWritten = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private volatile boolean closed;

    private record Pending(AuditEntry entry, CompletableFuture<Long> seq) {
    }

    AuditAppender(BatchWriter writer, Duration maxWait) {
        this(writer, null, Duration.ZERO, Duration.ZERO, maxWait);
    }

    /** @param chainer null for an appender that chains nothing but its own batches */
    AuditAppender(BatchWriter writer, Chainer chainer, Duration chainDelay, Duration sweepInterval, Duration maxWait) {
        this.writer = writer;
        this.chainer = chainer;
        this.chainDelayNanos = chainDelay.toNanos();
        this.sweepNanos = sweepInterval.toNanos();
        this.maxWait = maxWait;
        this.thread = new Thread(this::run, "audit-appender");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Appends the entry and returns its sequence number once its batch has committed.
     *
     * @throws RuntimeException the batch's failure (the caller's request must fail as if it had written itself),
     *                          or an {@link IllegalStateException} when no commit was confirmed in time
     */
    long append(AuditEntry entry) {
        return submit(entry).await();
    }

    /** Hands the entry to the appender thread; the answer's {@code await} is {@link #append}'s second half. */
    AuditTrail.Appending submit(AuditEntry entry) {
        Pending pending = new Pending(entry, new CompletableFuture<>());
        queue.add(pending);
        // Closed meanwhile: if the draining thread has not taken the entry, this thread writes it itself.
        if (closed && queue.remove(pending)) {
            write(List.of(pending));
        }
        return () -> await(pending.seq());
    }

    /** Appends the entries (possibly in different batches) and returns their sequence numbers once all committed. */
    List<Long> appendAll(List<AuditEntry> entries) {
        List<Pending> all = entries.stream().map(entry -> new Pending(entry, new CompletableFuture<Long>())).toList();
        queue.addAll(all);
        if (closed) {
            for (Pending pending : all) {
                if (queue.remove(pending)) {
                    write(List.of(pending));
                }
            }
        }
        List<Long> seqs = new ArrayList<>(all.size());
        for (Pending pending : all) {
            seqs.add(await(pending.seq()));
        }
        return seqs;
    }

    /** Pending rows were committed: chain them within the chain delay unless a batch does it first. */
    void chainSoon() {
        chainWantedSince.compareAndSet(0, System.nanoTime());
    }

    /** Entries handed in and not yet taken by a batch (tests use it to pile up a batch). */
    int waiting() {
        return queue.size();
    }

    Statistics statistics() {
        return new Statistics(entriesWritten.get(), commits.get());
    }

    /** Stops taking new batches after writing everything already waiting. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(maxWait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            Pending first;
            try {
                first = queue.poll(pollMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null; // nobody interrupts this thread on purpose; look at the flag and go on
            }
            if (first == null) {
                if (closed) {
                    return;
                }
                chainIfDue();
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            // The batch chains what is pending before its own rows; whatever commits later asks again.
            chainWantedSince.set(0);
            lastChained = System.nanoTime();
            write(batch);
            batch.clear();
        }
    }

    /** How long to wait for the next entry: until a wanted chaining is due, at most the idle poll. */
    private long pollMillis() {
        long since = chainWantedSince.get();
        if (chainer == null || since == 0) {
            return IDLE_POLL_MILLIS;
        }
        long dueIn = TimeUnit.NANOSECONDS.toMillis(chainDelayNanos - (System.nanoTime() - since));
        return Math.max(0, Math.min(IDLE_POLL_MILLIS, dueIn));
    }

    private void chainIfDue() {
        if (chainer == null) {
            return;
        }
        long now = System.nanoTime();
        long since = chainWantedSince.get();
        boolean wanted = since != 0 && now - since >= chainDelayNanos;
        if (!wanted && now - lastChained < sweepNanos) {
            return;
        }
        chainWantedSince.set(0);
        lastChained = now;
        try {
            chainer.chainPending(wanted);
        } catch (Throwable failure) { // the rows stay pending and durable; the next round or sweep retries
            log.warn("Audit trail: chaining pending events failed, retried later ({})", failure.toString());
        }
    }

    private void write(List<Pending> batch) {
        List<Long> seqs;
        try {
            seqs = writer.write(batch.stream().map(Pending::entry).toList());
            if (seqs.size() != batch.size()) {
                throw new IllegalStateException("Audit batch of " + batch.size() + " returned " + seqs.size() + " numbers");
            }
        } catch (Throwable failure) { // the thread must survive anything and tell every waiting caller
            batch.forEach(pending -> pending.seq().completeExceptionally(failure));
            return;
        }
        entriesWritten.addAndGet(batch.size());
        commits.incrementAndGet();
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).seq().complete(seqs.get(i));
        }
    }

    private long await(CompletableFuture<Long> seq) {
        try {
            return seq.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                // The same exception every caller of the batch sees; this caller's stack is added for the log.
                runtime.addSuppressed(new AuditAppendFailed("audit batch failed while this caller waited"));
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new AuditAppendFailed("audit batch failed", cause);
        } catch (TimeoutException e) {
            throw new AuditAppendFailed("audit event not committed within " + maxWait, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditAppendFailed("interrupted while waiting for the audit commit", e);
        }
    }

    /** An append whose commit the caller could not confirm: its request must fail. */
    static final class AuditAppendFailed extends IllegalStateException {
        AuditAppendFailed(String message) {
            super(message);
        }

        AuditAppendFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
