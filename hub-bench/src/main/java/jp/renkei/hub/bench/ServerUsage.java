package jp.renkei.hub.bench;

/**
 * What a server spent, as counters read before and after a phase: CPU of its JVM (in all, and by kind of thread)
 * and of its PostgreSQL (clock ticks, /proc), the transactions its databases committed
 * ({@code pg_stat_database.xact_commit}) and the WAL it wrote ({@code pg_current_wal_lsn()}). Differences of two
 * samples are what one phase cost.
 */
record ServerUsage(long jvmTicks, JvmThreadCpu jvmThreads, long postgresTicks, long commits, long walBytes) {

    static final ServerUsage NONE = new ServerUsage(0, JvmThreadCpu.NONE, 0, 0, 0);

    ServerUsage minus(ServerUsage earlier) {
        return new ServerUsage(jvmTicks - earlier.jvmTicks, jvmThreads.minus(earlier.jvmThreads),
                postgresTicks - earlier.postgresTicks, commits - earlier.commits, walBytes - earlier.walBytes);
    }

    ServerUsage plus(ServerUsage other) {
        return new ServerUsage(jvmTicks + other.jvmTicks, jvmThreads.plus(other.jvmThreads),
                postgresTicks + other.postgresTicks, commits + other.commits, walBytes + other.walBytes);
    }

    /** Per bundle: CPU in milliseconds (the JVM's also by kind of thread), commits, WAL in bytes. */
    PerBundle perBundle(int bundles, long ticksPerSecond) {
        if (bundles <= 0) {
            return new PerBundle(0, 0, 0, 0, 0, 0, 0, 0);
        }
        double ms = 1000.0 / ticksPerSecond / bundles;
        double requests = jvmThreads.requests() * ms;
        double compilers = jvmThreads.compilers() * ms;
        double vm = jvmThreads.vm() * ms;
        double jvm = jvmTicks * ms;
        return new PerBundle(jvm, requests, compilers, vm, Math.max(0, jvm - requests - compilers - vm),
                postgresTicks * ms, (double) commits / bundles, (double) walBytes / bundles);
    }

    /** The JVM's CPU split into request threads, JIT compilers, the VM's threads (collections) and the rest. */
    record PerBundle(double jvmCpuMs, double requestThreadsCpuMs, double compilersCpuMs, double vmThreadsCpuMs,
                     double otherThreadsCpuMs, double postgresCpuMs, double commits, double walBytes) {
    }
}
