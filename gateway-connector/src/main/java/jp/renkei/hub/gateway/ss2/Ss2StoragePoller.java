package jp.renkei.hub.gateway.ss2;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jp.renkei.hub.core.cluster.ClusterJobs;
import jp.renkei.hub.gateway.ingest.IngestReport;
import jp.renkei.hub.gateway.ingest.IngestTally;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Polls the configured SS-MIX2 storage roots ({@link Ss2Properties}) one after the other, with a fixed pause between
 * polls, on its own thread. Only new and changed files are read (the ledger); since the ledger is in the database,
 * a restarted hub resumes where it stopped. Does nothing when no root is configured. With several hub nodes on one
 * database and shared roots, one node polls at a time, about once per interval ({@link ClusterJobs}).
 */
@Component
@EnableConfigurationProperties(Ss2Properties.class)
public class Ss2StoragePoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Ss2StoragePoller.class);

    private final Ss2Properties properties;
    private final Ss2FileIngest ingest;
    private final Clock clock;
    private final ClusterJobs jobs;
    private ScheduledExecutorService scheduler;
    private volatile Instant startedAt;
    private volatile Instant lastSuccess;

    public Ss2StoragePoller(Ss2Properties properties, Ss2FileIngest ingest, Clock clock, ClusterJobs jobs) {
        this.properties = properties;
        this.ingest = ingest;
        this.clock = clock;
        this.jobs = jobs;
    }

    /**
     * What the health check needs to know.
     *
     * @param roots       storage roots configured (0: the poller does nothing and is healthy)
     * @param interval    the pause between polls
     * @param running     whether it is scheduled
     * @param startedAt   when it was started; empty when not running
     * @param lastSuccess when the last pass that read every root without an error ended; empty before the first
     */
    public record State(int roots, Duration interval, boolean running, Optional<Instant> startedAt,
                        Optional<Instant> lastSuccess) {
    }

    public State state() {
        return new State(properties.roots().size(), properties.pollInterval(), isRunning(),
                Optional.ofNullable(startedAt), Optional.ofNullable(lastSuccess));
    }

    /** One pass over every root; a failing root is logged and retried on the next poll. */
    public void pollOnce() {
        boolean allRead = true;
        for (Ss2Properties.Root root : properties.roots()) {
            if (!Files.isDirectory(root.path())) {
                log.warn("SS-MIX2 storage root {} of facility {} is not a directory", root.path(), root.facilityId());
                allRead = false;
                continue;
            }
            try {
                IngestTally tally = new IngestTally();
                ingest.ingest(root.facilityId(), root.path(), properties.workers(), tally, (done, total) -> { });
                IngestReport report = tally.report();
                if (report.read() > 0) {
                    log.info("SS-MIX2 poll of {} for facility {}: {}", root.path(), root.facilityId(), report);
                }
            } catch (RuntimeException e) {
                log.error("SS-MIX2 poll of {} for facility {} failed; retried next poll", root.path(),
                        root.facilityId(), e);
                allRead = false;
            }
        }
        if (allRead) {
            lastSuccess = clock.instant();
        }
    }

    private void scheduledPoll() {
        try {
            if (!jobs.runOnce("ss2-poll", properties.pollInterval(), this::pollOnce)) {
                // another node of the cluster has this turn: this poller is alive, polling is not behind
                lastSuccess = clock.instant();
            }
        } catch (RuntimeException e) {
            // keep the schedule alive: the database may be briefly away
            log.error("SS-MIX2 poll failed; retried next poll", e);
        }
    }

    @Override
    public synchronized void start() {
        if (properties.roots().isEmpty() || scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ss2-poller");
            thread.setDaemon(true);
            return thread;
        });
        startedAt = clock.instant();
        long pause = properties.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::scheduledPoll, pause, pause, TimeUnit.MILLISECONDS);
        log.info("Polling {} SS-MIX2 storage root(s) every {}", properties.roots().size(), properties.pollInterval());
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
            startedAt = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
