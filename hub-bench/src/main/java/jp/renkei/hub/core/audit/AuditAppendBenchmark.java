package jp.renkei.hub.core.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.renkei.hub.core.migration.MigrationModules;
import jp.renkei.hub.core.migration.ModuleMigrations;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The audit append alone, against an embedded PostgreSQL with the hub's durable settings (fsync, synchronous
 * commit, full-page writes on): the group commit of {@link JdbcAuditTrail#record} against one transaction per
 * event (the design before it: every caller takes the advisory lock, reads the last row, inserts and commits while
 * holding the lock), with 1, 4 and 16 calling threads, alternating ABBA. Lives in the audit package because the
 * one-transaction-per-event path is {@link JdbcAuditTrail#writeBatch} with one entry, which is package-private.
 *
 * <pre>bash hub-bench/audit.sh [--events 2000] [--threads 1,4,16]</pre>
 */
public final class AuditAppendBenchmark {

    private AuditAppendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = 2000;
        List<Integer> threadCounts = List.of(1, 4, 16);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--threads" -> threadCounts = java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: audit.sh [--events 2000] [--threads 1,4,16]");
            }
        }
        Path data = Files.createTempDirectory("renkei-audit-bench-");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
             HikariDataSource dataSource = dataSource(postgres)) {
            new ModuleMigrations(MigrationModules.IN_ORDER).migrateAll(Flyway.configure().dataSource(dataSource)
                    .schemas("hub").defaultSchema("hub").createSchemas(true));
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
            JdbcAuditTrail trail = new JdbcAuditTrail(JdbcClient.create(dataSource),
                    new NamedParameterJdbcTemplate(dataSource), transactions);
            System.out.printf(Locale.ROOT, "audit-bench: load average %s; %d events per run%n", loadAverage(), events);
            run(trail, "warm-up", 4, events / 4, false);
            run(trail, "warm-up", 4, events / 4, true);
            for (int threads : threadCounts) {
                Result a1 = run(trail, "one commit each", threads, events, false);
                Result b1 = run(trail, "group commit", threads, events, true);
                Result b2 = run(trail, "group commit", threads, events, true);
                Result a2 = run(trail, "one commit each", threads, events, false);
                double before = (a1.perSecond() + a2.perSecond()) / 2;
                double after = (b1.perSecond() + b2.perSecond()) / 2;
                System.out.printf(Locale.ROOT, "audit-bench: %2d threads: one commit each %.0f events/s, group commit "
                        + "%.0f events/s, ratio %.2f (load average %s)%n", threads, before, after, after / before, loadAverage());
            }
            AuditVerification verification = new AuditVerifier(dataSource, transactions).verify();
            System.out.printf(Locale.ROOT, "audit-bench: chain of %d events verified: %s%n", verification.rowsChecked(),
                    verification.ok() ? "intact" : "BROKEN " + verification.violations());
            trail.destroy();
            if (!verification.ok()) {
                System.exit(1);
            }
        }
    }

    private record Result(double perSecond) {
    }

    private static Result run(JdbcAuditTrail trail, String mode, int threads, int events, boolean groupCommit)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AuditAppender.Statistics before = trail.statistics();
        List<Future<?>> done = new ArrayList<>();
        int perThread = events / threads;
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    AuditEntry entry = new AuditEntry("SYSTEM", "bench-gateway", "fac-bench", Set.of("GATEWAY"),
                            "Patient/" + i, AuditAction.EXECUTE, "POST /fhir", AuditOutcome.SUCCESS, 200, "TREAT",
                            "127.0.0.1", null);
                    if (groupCommit) {
                        trail.record(entry);
                    } else {
                        trail.writeBatch(List.of(entry));
                    }
                }
                return null;
            }));
        }
        long began = System.nanoTime();
        start.countDown();
        for (Future<?> f : done) {
            f.get(10, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        pool.shutdown();
        int total = perThread * threads;
        AuditAppender.Statistics after = trail.statistics();
        long commits = groupCommit ? after.commits() - before.commits() : total;
        System.out.printf(Locale.ROOT, "audit-bench:   %-15s %2d threads: %5d events in %.2f s = %6.0f events/s, "
                        + "%d commits (%.1f events per commit), mean wait %.2f ms%n", mode, threads, total, seconds,
                total / seconds, commits, (double) total / commits, seconds * 1000 * threads / total);
        return new Result(total / seconds);
    }

    private static HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(20);
        config.setConnectionTimeout(Duration.ofSeconds(60).toMillis());
        return new HikariDataSource(config);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
