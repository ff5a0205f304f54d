package jp.renkei.hub.core.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Answers of a per-request lookup (is this certificate a device's, is this facility active) kept for a short time,
 * so that a busy client does not cost a database round trip per request.
 *
 * <p>Freshness: the class that changes the answer calls {@link #forgetAllAfterCommit()}, so in this JVM the next
 * lookup after the commit reads the database. A lookup that read the old value while the change committed does not
 * store it (every stored answer carries the invalidation count it was read under). Changes made by another hub
 * node are seen after at most {@code timeToLive}. A zero {@code timeToLive} keeps nothing.
 */
public final class RecentAnswers<K, V> {

    /** More distinct keys than this means something odd (e.g. many certificates tried): start over. */
    static final int MAX_ENTRIES = 10_000;

    private final Duration timeToLive;
    private final LongSupplier nanoClock;
    private final Map<K, Answer<V>> answers = new ConcurrentHashMap<>();
    private final AtomicLong invalidations = new AtomicLong();

    private record Answer<V>(V value, long readAtNanos) {
    }

    public RecentAnswers(Duration timeToLive) {
        this(timeToLive, System::nanoTime);
    }

    RecentAnswers(Duration timeToLive, LongSupplier nanoClock) {
        if (timeToLive.isNegative()) {
            throw new IllegalArgumentException("time to live must not be negative: " + timeToLive);
        }
        this.timeToLive = timeToLive;
        this.nanoClock = nanoClock;
    }

    /** The recent answer for {@code key}, or a new one from {@code lookup} (which must not return null). */
    public V get(K key, Function<K, V> lookup) {
        if (timeToLive.isZero()) {
            return lookup.apply(key);
        }
        long now = nanoClock.getAsLong();
        Answer<V> recent = answers.get(key);
        if (recent != null && now - recent.readAtNanos() < timeToLive.toNanos()) {
            return recent.value();
        }
        long generation = invalidations.get();
        V value = lookup.apply(key);
        if (answers.size() >= MAX_ENTRIES) {
            answers.clear();
        }
        answers.put(key, new Answer<>(value, now));
        // Forgotten while it was read: it may be the old value, so it must not stay (the put above may
        // have landed after the clear of that invalidation).
        if (invalidations.get() != generation) {
            answers.remove(key);
        }
        return value;
    }

    /** Forgets every answer now. */
    public void forgetAll() {
        invalidations.incrementAndGet();
        answers.clear();
    }

    /**
     * Forgets every answer now and again when the current transaction has ended (committed or not), so that no
     * answer read before the commit outlives it; without a transaction, just now.
     */
    public void forgetAllAfterCommit() {
        forgetAll();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forgetAll();
                }
            });
        }
    }
}
