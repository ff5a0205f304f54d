package jp.renkei.hub.carenet.mail;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jp.renkei.hub.core.cluster.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the mailer every {@code renkei.care-net.mail.interval} when {@code renkei.care-net.mail.enabled}, once per
 * cluster ({@link ClusterJobs}): two nodes must not send the same digest twice.
 */
@Component
class CareNetMailSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CareNetMailSchedule.class);

    private final CareNetMailer mailer;
    private final CareNetMailProperties properties;
    private final ClusterJobs jobs;
    private ScheduledExecutorService scheduler;

    CareNetMailSchedule(CareNetMailer mailer, CareNetMailProperties properties, ClusterJobs jobs) {
        this.mailer = mailer;
        this.properties = properties;
        this.jobs = jobs;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "care-net-mail");
            thread.setDaemon(true);
            return thread;
        });
        long millis = properties.interval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                jobs.runOnce("care-net-mail", properties.interval(), mailer::sendDue);
            } catch (RuntimeException e) {
                // keep the schedule alive: one failed run must not end notifications for good
                log.warn("care-net mail run failed", e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
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
