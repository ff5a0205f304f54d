package jp.renkei.hub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The pure parts of the same-run comparison: ABBA order, ratios, WAL positions, CPU ticks, merged phases. */
class PeerComparisonTest {

    @Test
    void abbaPutsEachSidesTwoRunsAroundTheOthers() {
        assertThat(Abba.schedule("hub", "vanilla")).containsExactly(new Abba.Turn<>("hub", 0),
                new Abba.Turn<>("vanilla", 0), new Abba.Turn<>("vanilla", 1), new Abba.Turn<>("hub", 1));
        assertThat(Abba.schedule("hub", null)).containsExactly(new Abba.Turn<>("hub", 0), new Abba.Turn<>("hub", 1));
    }

    @Test
    void halvesSplitEveryItemOnceTheFirstTakingTheOddOne() {
        assertThat(Abba.halves(List.of(1, 2, 3, 4, 5))).containsExactly(List.of(1, 2, 3), List.of(4, 5));
        assertThat(Abba.halves(List.of(1, 2))).containsExactly(List.of(1), List.of(2));
        assertThat(Abba.halves(List.of(1))).containsExactly(List.of(1), List.of());
    }

    @Test
    void ratioIsHubOverVanillaAndAbsentWithoutAVanillaFigure() {
        assertThat(PeerComparison.ratio(300, 200)).isEqualTo(1.5);
        assertThat(PeerComparison.formatRatio(PeerComparison.ratio(100, 300))).isEqualTo("0.33");
        assertThat(PeerComparison.formatRatio(PeerComparison.ratio(100, 0))).isEqualTo("n/a");
        assertThat(PeerComparison.formatRatio(PeerComparison.ratio(Double.NaN, 5))).isEqualTo("n/a");
    }

    @Test
    void tableAndSummaryCarryBothFiguresAndTheRatio() {
        PeerComparison peers = new PeerComparison()
                .add("Writes, 1 thread (resources/s)", "write_1_thread_resources_per_s", 210, 140, 0)
                .add("  bundle latency p50 (ms)", "write_1_thread_bundle_p50_ms", 59.04, 80.0, 1);
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        peers.print(new PrintStream(table, true, StandardCharsets.UTF_8));
        Summary summary = new Summary();
        peers.putInto(summary);
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        summary.print(new PrintStream(block, true, StandardCharsets.UTF_8));

        assertThat(table.toString(StandardCharsets.UTF_8))
                .containsPattern("Writes, 1 thread \\(resources/s\\) +\\| +210 \\| +140 \\| +1\\.50")
                .containsPattern("bundle latency p50 \\(ms\\) +\\| +59\\.0 \\| +80\\.0 \\| +0\\.74");
        assertThat(block.toString(StandardCharsets.UTF_8)).contains(
                "peer_write_1_thread_resources_per_s_hub=210\n",
                "peer_write_1_thread_resources_per_s_vanilla=140\n",
                "peer_write_1_thread_resources_per_s_ratio=1.50\n",
                "peer_write_1_thread_bundle_p50_ms_ratio=0.74\n");
    }

    @Test
    void walPositionsAreHighAndLowThirtyTwoBits() {
        assertThat(WalLsn.bytes("0/16B3748")).isEqualTo(0x16B3748L);
        assertThat(WalLsn.bytes("16/B374D848")).isEqualTo((0x16L << 32) + 0xB374D848L);
        assertThat(WalLsn.bytes("1/0") - WalLsn.bytes("0/FFFFFFFF")).isEqualTo(1);
        assertThatThrownBy(() -> WalLsn.bytes("16B3748")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WalLsn.bytes(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cpuTicksAreUserPlusSystemTimeWithReapedChildrenOnlyWhenAsked() {
        // pid (comm with a space and a parenthesis) state ppid ... utime=11 stime=7 cutime=100 cstime=20 ...
        String stat = "4242 (postgres: a) b) S 1 4242 4242 0 -1 4194560 500 0 0 0 11 7 100 20 20 0 1 0 12345 "
                + "100000 200 18446744073709551615";
        assertThat(ProcFs.cpuTicks(stat, false)).isEqualTo(18);
        assertThat(ProcFs.cpuTicks(stat, true)).isEqualTo(138);
    }

    @Test
    void jvmThreadsAreToldApartByTheirNamesAsProcShowsThem() {
        assertThat(JvmThreadCpu.kindOf("https-jsse-nio-")).isEqualTo(JvmThreadCpu.Kind.REQUESTS);
        assertThat(JvmThreadCpu.kindOf("http-nio-38663-")).isEqualTo(JvmThreadCpu.Kind.REQUESTS);
        assertThat(JvmThreadCpu.kindOf("C2 CompilerThre")).isEqualTo(JvmThreadCpu.Kind.COMPILERS);
        assertThat(JvmThreadCpu.kindOf("C1 CompilerThre")).isEqualTo(JvmThreadCpu.Kind.COMPILERS);
        assertThat(JvmThreadCpu.kindOf("VM Thread")).isEqualTo(JvmThreadCpu.Kind.VM);
        assertThat(JvmThreadCpu.kindOf("GC Thread#0")).isEqualTo(JvmThreadCpu.Kind.VM);
        assertThat(JvmThreadCpu.kindOf("audit-appender")).isEqualTo(JvmThreadCpu.Kind.OTHER);
    }

    @Test
    void theThreadsOfThisJvmAreRead() {
        JvmThreadCpu own = ProcFs.jvmThreadCpuTicks(ProcessHandle.current().pid());
        assertThat(own.compilers()).as("this JVM's JIT compilers have compiled something").isPositive();
        assertThat(own.requests()).isZero();
    }

    @Test
    void usagePerBundleInMillisecondsCommitsAndBytes() {
        ServerUsage spent = new ServerUsage(250, new JvmThreadCpu(130, 40, 20), 500, 1200, 4_000_000)
                .minus(new ServerUsage(50, new JvmThreadCpu(30, 20, 10), 100, 0, 0));
        ServerUsage.PerBundle perBundle = spent.perBundle(100, 100);

        assertThat(perBundle.jvmCpuMs()).isEqualTo(20.0);      // 200 ticks of 10 ms over 100 bundles
        assertThat(perBundle.requestThreadsCpuMs()).isEqualTo(10.0);
        assertThat(perBundle.compilersCpuMs()).isEqualTo(2.0);
        assertThat(perBundle.vmThreadsCpuMs()).isEqualTo(1.0);
        assertThat(perBundle.otherThreadsCpuMs()).isEqualTo(7.0); // the rest, ended threads included
        assertThat(perBundle.postgresCpuMs()).isEqualTo(40.0);
        assertThat(perBundle.commits()).isEqualTo(12.0);
        assertThat(perBundle.walBytes()).isEqualTo(40_000.0);
        assertThat(ServerUsage.NONE.perBundle(0, 100).commits()).isZero();
    }

    @Test
    void phasesOfOneServerCombineIntoOneSeries() {
        long ms = 1_000_000L;
        TransactionLoad.PhaseResult first = new TransactionLoad.PhaseResult("a", 4, 2, 26, 2_000 * ms,
                LatencyStats.ofNanos(new long[] {10 * ms, 30 * ms}), List.of(), List.of("p1", "p2"),
                new long[] {10 * ms, 30 * ms});
        TransactionLoad.PhaseResult second = new TransactionLoad.PhaseResult("b", 4, 2, 13, 1_000 * ms,
                LatencyStats.ofNanos(new long[] {20 * ms, 40 * ms}), List.of("x: HTTP 500"), List.of("p3"),
                new long[] {20 * ms, 40 * ms});

        TransactionLoad.PhaseResult both = TransactionLoad.PhaseResult.combine("4 threads", List.of(first, second));

        assertThat(both.bundles()).isEqualTo(4);
        assertThat(both.resourcesPerSecond()).isEqualTo(13.0); // 39 resources in 3 s
        assertThat(both.latency().p50Ms()).isEqualTo(20.0);    // of 10, 20, 30, 40
        assertThat(both.latency().maxMs()).isEqualTo(40.0);
        assertThat(both.patientIds()).containsExactly("p1", "p2", "p3");
        assertThat(both.failures()).containsExactly("x: HTTP 500");
    }
}
