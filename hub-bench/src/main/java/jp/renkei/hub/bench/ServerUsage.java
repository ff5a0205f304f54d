package jp.renkei.hub.bench;

/**
 * What a server spent, as counters read before and after a phase: CPU of its JVM and of its PostgreSQL (clock
 * ticks, /proc), the transactions its databases committed ({@code pg_stat_database.xact_commit}) and the WAL it
 * wrote ({@code pg_current_wal_lsn()}). Differences of two samples are what one phase cost.
 */
record ServerUsage(long jvmTicks, long postgresTicks, long commits, long walBytes) {

    static final ServerUsage NONE = new ServerUsage(0, 0, 0, 0);

    ServerUsage minus(ServerUsage earlier) {
        return new ServerUsage(jvmTicks - earlier.jvmTicks, postgresTicks - earlier.postgresTicks,
                commits - earlier.commits, walBytes - earlier.walBytes);
    }

    ServerUsage plus(ServerUsage other) {
        return new ServerUsage(jvmTicks + other.jvmTicks, postgresTicks + other.postgresTicks,
                commits + other.commits, walBytes + other.walBytes);
    }

    /** Per bundle: CPU in milliseconds, commits, WAL in bytes. */
    PerBundle perBundle(int bundles, long ticksPerSecond) {
        if (bundles <= 0) {
            return new PerBundle(0, 0, 0, 0);
        }
        double msPerTick = 1000.0 / ticksPerSecond;
        return new PerBundle(jvmTicks * msPerTick / bundles, postgresTicks * msPerTick / bundles,
                (double) commits / bundles, (double) walBytes / bundles);
    }

    record PerBundle(double jvmCpuMs, double postgresCpuMs, double commits, double walBytes) {
    }
}
