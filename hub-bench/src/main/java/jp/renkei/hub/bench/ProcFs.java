package jp.renkei.hub.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads process memory from Linux's /proc. Resident set size is what the operator sees in {@code top} and
 * what competes for the server's RAM, so it, not the Java heap size, is what the memory target is about.
 */
final class ProcFs {

    private static final Path PROC = Path.of("/proc");

    /** Current and peak resident memory of one process, in KiB. */
    record MemorySample(long rssKb, long hwmKb) {
        double rssMb() {
            return rssKb / 1024.0;
        }

        double hwmMb() {
            return hwmKb / 1024.0;
        }
    }

    /**
     * Memory of a PostgreSQL server: the postmaster and its backends. The RSS sum counts the shared buffers
     * once per process that touched them, so it overstates; the PSS sum shares them out and does not.
     */
    record ProcessTreeMemory(long rootPid, int processes, long rssKb, long pssKb) {
        double rssMb() {
            return rssKb / 1024.0;
        }

        double pssMb() {
            return pssKb / 1024.0;
        }
    }

    private ProcFs() {
    }

    /** The 1-, 5- and 15-minute load averages as {@code /proc/loadavg} shows them, e.g. "5.26 5.22 6.77". */
    static String loadAverage() {
        List<String> lines = readLines(PROC.resolve("loadavg"));
        if (lines.isEmpty()) {
            return "unknown";
        }
        String[] fields = lines.get(0).trim().split("\\s+");
        return fields.length < 3 ? "unknown" : fields[0] + " " + fields[1] + " " + fields[2];
    }

    static MemorySample memory(long pid) {
        List<String> status = readLines(PROC.resolve(pid + "/status"));
        return new MemorySample(kbField(status, "VmRSS:").orElse(0), kbField(status, "VmHWM:").orElse(0));
    }

    /** The process and its direct children (PostgreSQL's backends are all children of the postmaster). */
    static ProcessTreeMemory treeMemory(long rootPid) {
        List<Long> pids = new ArrayList<>();
        pids.add(rootPid);
        pids.addAll(children(rootPid));
        long rss = 0;
        long pss = 0;
        int alive = 0;
        for (long pid : pids) {
            List<String> status = readLines(PROC.resolve(pid + "/status"));
            if (status.isEmpty()) {
                continue; // a backend that ended between listing and reading
            }
            alive++;
            rss += kbField(status, "VmRSS:").orElse(0);
            pss += kbField(readLines(PROC.resolve(pid + "/smaps_rollup")), "Pss:").orElse(0);
        }
        return new ProcessTreeMemory(rootPid, alive, rss, pss);
    }

    /** Direct children, found through the parent-pid field of every /proc/[pid]/stat. */
    static List<Long> children(long parentPid) {
        List<Long> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                List<String> stat = readLines(entry.resolve("stat"));
                if (!stat.isEmpty() && parentPid(stat.get(0)) == parentPid) {
                    children.add(Long.parseLong(entry.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list /proc", e);
        }
        return children;
    }

    /**
     * CPU time of a process in clock ticks: utime + stime (fields 14 and 15 of /proc/[pid]/stat), all its threads
     * included; 0 once it has exited.
     */
    static long cpuTicks(long pid) {
        List<String> stat = readLines(PROC.resolve(pid + "/stat"));
        return stat.isEmpty() ? 0 : cpuTicks(stat.get(0), false);
    }

    /**
     * CPU time of a PostgreSQL server in clock ticks: the postmaster's own and its reaped children's (cutime +
     * cstime: backends that have ended), plus every live child's. A backend that ends between two samples moves
     * its time from the second term to the first, so the sum only grows.
     */
    static long treeCpuTicks(long rootPid) {
        List<String> rootStat = readLines(PROC.resolve(rootPid + "/stat"));
        if (rootStat.isEmpty()) {
            return 0;
        }
        long ticks = cpuTicks(rootStat.get(0), true);
        for (long child : children(rootPid)) {
            ticks += cpuTicks(child);
        }
        return ticks;
    }

    /**
     * CPU time of a JVM's live threads in clock ticks, by what they do (their names in /proc/[pid]/task/[tid]/stat,
     * which Linux cuts to 15 characters). Threads that have ended are in none of the kinds; the process's total
     * ({@link #cpuTicks(long)}) still counts them.
     */
    static JvmThreadCpu jvmThreadCpuTicks(long pid) {
        long requests = 0;
        long compilers = 0;
        long vm = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC.resolve(pid + "/task"))) {
            for (Path task : tasks) {
                List<String> stat = readLines(task.resolve("stat"));
                if (stat.isEmpty()) {
                    continue; // ended between listing and reading
                }
                String line = stat.get(0);
                long ticks = cpuTicks(line, false);
                switch (JvmThreadCpu.kindOf(line.substring(line.indexOf('(') + 1, line.lastIndexOf(')')))) {
                    case REQUESTS -> requests += ticks;
                    case COMPILERS -> compilers += ticks;
                    case VM -> vm += ticks;
                    case OTHER -> { }
                }
            }
        } catch (IOException e) {
            return JvmThreadCpu.NONE; // the process has exited
        }
        return new JvmThreadCpu(requests, compilers, vm);
    }

    /** utime + stime of one /proc/[pid]/stat line, with {@code cutime + cstime} (waited-for children) if asked. */
    static long cpuTicks(String statLine, boolean withReapedChildren) {
        String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state): utime, stime, cutime, cstime are fields 14-17
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return withReapedChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
    }

    /** Clock ticks per second ({@code getconf CLK_TCK}); 100 on every Linux this runs on, asked anyway. */
    static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(answer) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /** Field 4 of /proc/[pid]/stat; the command name (field 2) may hold spaces and ')', so parse after the last ')'. */
    static long parentPid(String statLine) {
        String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[1]);
    }

    private static OptionalLong kbField(List<String> lines, String name) {
        for (String line : lines) {
            if (line.startsWith(name)) {
                String[] parts = line.substring(name.length()).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(parts[0]));
            }
        }
        return OptionalLong.empty();
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of(); // the process has exited
        }
    }
}
