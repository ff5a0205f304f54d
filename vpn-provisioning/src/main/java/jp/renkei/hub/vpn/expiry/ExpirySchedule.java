package jp.renkei.hub.vpn.expiry;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jp.renkei.hub.core.cluster.ClusterJobs;
import jp.renkei.hub.vpn.VpnProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link ExpiryWatch} a minute after start-up and then every {@code renkei.vpn.expiry-check-interval}, once
 * per cluster ({@link ClusterJobs}).
 */
@Component
class ExpirySchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpirySchedule.class);
    private static final long FIRST_RUN_SECONDS = 60;

    private final ExpiryWatch watch;
    private final VpnProperties properties;
    private final ClusterJobs jobs;
    private ScheduledExecutorService scheduler;

    ExpirySchedule(ExpiryWatch watch, VpnProperties properties, ClusterJobs jobs) {
        this.watch = watch;
        this.properties = properties;
        this.jobs = jobs;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "vpn-expiry-watch");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                jobs.runOnce("vpn-expiry-watch", properties.expiryCheckInterval(), () -> {
                    int raised = watch.run().size();
                    if (raised > 0) {
                        log.warn("VPN certificate expiry: {} new operator notice(s)", raised);
                    }
                });
            } catch (RuntimeException e) {
                // keep the schedule alive: one failed run must not end the warnings for good
                log.warn("VPN certificate expiry check failed", e);
            }
        }, FIRST_RUN_SECONDS, properties.expiryCheckInterval().toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
