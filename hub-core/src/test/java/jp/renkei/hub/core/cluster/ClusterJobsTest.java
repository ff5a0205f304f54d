package jp.renkei.hub.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jp.renkei.hub.core.testsupport.HubCoreTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two nodes' {@link ClusterJobs} on one database: never at the same time, about once per interval. */
@HubCoreTest
class ClusterJobsTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void whileOneNodeRunsAJobTheOtherSkipsIt() throws Exception {
        ClusterJobs nodeA = new ClusterJobs(dataSource, ClusterNode.named("node-a"));
        ClusterJobs nodeB = new ClusterJobs(dataSource, ClusterNode.named("node-b"));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> nodeA.runOnce("test-exclusive",
                Duration.ZERO, () -> {
                    running.countDown();
                    await(finish);
                }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        AtomicInteger ranOnB = new AtomicInteger();
        assertThat(nodeB.runOnce("test-exclusive", Duration.ZERO, ranOnB::incrementAndGet)).isFalse();
        assertThat(nodeB.runOnce("another-job", Duration.ZERO, ranOnB::incrementAndGet))
                .as("other jobs are not held up").isTrue();
        finish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();

        assertThat(nodeB.runOnce("test-exclusive", Duration.ZERO, ranOnB::incrementAndGet))
                .as("free again once node A is done").isTrue();
        assertThat(ranOnB).hasValue(2);
        assertThat(jdbc.sql("SELECT runs, last_node FROM hub.cluster_job WHERE name = 'test-exclusive'")
                .query((rs, n) -> rs.getLong(1) + " " + rs.getString(2)).single()).isEqualTo("2 node-b");
    }

    @Test
    void aJobRunsOncePerIntervalWhicheverNodesTurnComes() throws Exception {
        ClusterJobs nodeA = new ClusterJobs(dataSource, ClusterNode.named("node-a"));
        ClusterJobs nodeB = new ClusterJobs(dataSource, ClusterNode.named("node-b"));
        Duration interval = Duration.ofMillis(800);
        AtomicInteger runs = new AtomicInteger();

        assertThat(nodeA.runOnce("test-interval", interval, runs::incrementAndGet)).isTrue();
        assertThat(nodeB.runOnce("test-interval", interval, runs::incrementAndGet)).as("ran 0 s ago").isFalse();
        assertThat(nodeA.runOnce("test-interval", interval, runs::incrementAndGet)).isFalse();
        Thread.sleep(interval.toMillis());
        assertThat(nodeB.runOnce("test-interval", interval, runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(2);
    }

    @Test
    void aFailedRunIsRecordedAndReleasesTheLock() {
        ClusterJobs nodeA = new ClusterJobs(dataSource, ClusterNode.named("node-a"));
        assertThatThrownBy(() -> nodeA.runOnce("test-failing", Duration.ZERO, () -> {
            throw new IllegalStateException("disk full");
        })).hasMessage("disk full");
        assertThat(jdbc.sql("SELECT last_failed FROM hub.cluster_job WHERE name = 'test-failing'")
                .query(Boolean.class).single()).isTrue();
        assertThat(new ClusterJobs(dataSource, ClusterNode.named("node-b")).runOnce("test-failing", Duration.ZERO,
                () -> { })).as("the lock went with the failed run").isTrue();
        assertThat(jdbc.sql("SELECT last_failed FROM hub.cluster_job WHERE name = 'test-failing'")
                .query(Boolean.class).single()).isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
