package jp.renkei.hub.bench;

/**
 * A JVM's CPU in clock ticks by the kind of thread that used it: the HTTP connector's request threads (Tomcat's
 * {@code https-jsse-nio-…} and {@code http-nio-…}), the JIT compilers ({@code C1/C2 CompilerThread}) and the VM's
 * own threads, where the serial collector collects ({@code VM Thread}, {@code GC Thread#…}, {@code VM Periodic
 * Task}). What the process used beyond these three is the rest: Hibernate's and HAPI's background threads, the
 * hub's audit appender, and threads that ended. It tells where a difference in CPU per bundle between two servers
 * lies: in the requests' own work, or around it.
 */
record JvmThreadCpu(long requests, long compilers, long vm) {

    static final JvmThreadCpu NONE = new JvmThreadCpu(0, 0, 0);

    enum Kind { REQUESTS, COMPILERS, VM, OTHER }

    /** The kind of a thread by its name as /proc shows it (at most 15 characters). */
    static Kind kindOf(String name) {
        if (name.startsWith("https-jsse-nio") || name.startsWith("http-nio-")) {
            return Kind.REQUESTS;
        }
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return Kind.COMPILERS;
        }
        if (name.equals("VM Thread") || name.startsWith("GC Thread") || name.startsWith("VM Periodic")) {
            return Kind.VM;
        }
        return Kind.OTHER;
    }

    JvmThreadCpu minus(JvmThreadCpu earlier) {
        return new JvmThreadCpu(requests - earlier.requests, compilers - earlier.compilers, vm - earlier.vm);
    }

    JvmThreadCpu plus(JvmThreadCpu other) {
        return new JvmThreadCpu(requests + other.requests, compilers + other.compilers, vm + other.vm);
    }
}
