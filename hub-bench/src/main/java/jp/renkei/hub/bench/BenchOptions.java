package jp.renkei.hub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Command-line options of the benchmark. Paths default to the layout of a checkout, relative to the
 * repository root (the working directory that {@code hub-bench/run.sh} switches to).
 *
 * @param jar       the packaged hub ({@code hub-app/target/hub-app-*-exec.jar})
 * @param bundles   patient transactions per measured write phase
 * @param searches  measured searches
 * @param warmup    unmeasured transactions and searches before the measured ones
 * @param threads   client threads of the concurrent write phase
 * @param keepHome  keep the hub's temporary home (database, logs) for inspection instead of deleting it
 * @param vanilla   also measure the vanilla HAPI FHIR server in the same run (ABBA) and print hub/vanilla ratios
 * @param home      a preloaded hub home to measure on (the scale curve), kept afterwards; hub-only
 * @param startupLimitSeconds how long a server may take to its first {@code /fhir/metadata} before the run fails
 * @param launch    as {@code ./hub start} does (unpacked jar with its class-data-sharing archive) or the plain jar
 */
public record BenchOptions(Path repo, Optional<Path> jar, int bundles, int searches, int warmup, int threads,
                           long seed, boolean keepHome, int demoPatients, boolean vanilla, Optional<Path> home,
                           int startupLimitSeconds, HubLaunchMode launch) {

    static final String USAGE = """
            usage: hub-bench/run.sh [options]
              --bundles N    patient transaction bundles per write phase (default 400)
              --searches N   measured Observation searches (default 200)
              --warmup N     unmeasured bundles and searches sent to each server before measuring (default 200)
              --threads N    client threads of the concurrent write phase (default 4)
              --jar PATH     the hub's exec jar (default hub-app/target/hub-app-*-exec.jar); implies --launch jar
              --launch MODE  hub: as ./hub start does, unpacked jar with its class-data-sharing archive (default);
                             jar: java -jar hub-app-*-exec.jar
              --repo PATH    repository root (default: the working directory)
              --seed N       synthetic-data seed (default 20260401)
              --demo-patients N  demo network patients; the consented ones serve the gate comparison (default 40)
              --keep-home    keep the hub's temporary RENKEI_HOME (database and logs) afterwards
              --no-vanilla   measure the hub only (no vanilla HAPI FHIR server in the same run)
              --home PATH    measure on this preloaded hub home (e.g. hub-bench/target/views-home from views.sh)
                             instead of a fresh one: the scale curve. Hub-only; the patients written stay there.
              --startup-limit S  seconds a server may take to its first /fhir/metadata (default 180)
            """;

    public static BenchOptions parse(String[] args) {
        Path repo = Path.of("").toAbsolutePath();
        Path jar = null;
        // 200 bundles per half of a phase: with 100, a half of the 4-thread phase lasted about 4 s and one run's
        // ratio moved by up to 0.2 from the next run's (docs/benchmarks.md, the twelfth round).
        int bundles = 400;
        int searches = 200;
        // The hub's request path (TLS, filters, gate, audit, JP Core) is far larger than vanilla HAPI's, and the JIT
        // needs more than 100 bundles to compile it (first measured halves were 40 % slower than second halves with 20).
        int warmup = 200;
        int threads = 4;
        long seed = 20260401L;
        boolean keepHome = false;
        int demoPatients = 40;
        boolean vanilla = true;
        Path home = null;
        int startupLimit = 180;
        HubLaunchMode launch = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--bundles" -> bundles = positive(arg, value(args, ++i, arg));
                case "--searches" -> searches = positive(arg, value(args, ++i, arg));
                case "--warmup" -> warmup = nonNegative(arg, value(args, ++i, arg));
                case "--threads" -> threads = positive(arg, value(args, ++i, arg));
                case "--jar" -> jar = Path.of(value(args, ++i, arg)).toAbsolutePath();
                case "--launch" -> launch = HubLaunchMode.parse(value(args, ++i, arg));
                case "--repo" -> repo = Path.of(value(args, ++i, arg)).toAbsolutePath();
                case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
                case "--keep-home" -> keepHome = true;
                case "--no-vanilla" -> vanilla = false;
                case "--startup-limit" -> startupLimit = positive(arg, value(args, ++i, arg));
                case "--home" -> home = Path.of(value(args, ++i, arg)).toAbsolutePath().normalize();
                case "--demo-patients" -> demoPatients = positive(arg, value(args, ++i, arg));
                case "-h", "--help" -> throw new UsageException("");
                default -> throw new UsageException("unknown option: " + arg);
            }
        }
        if (!Files.isRegularFile(repo.resolve("config/jvm.options"))) {
            throw new UsageException(repo + " is not the repository root (no config/jvm.options); use --repo");
        }
        if (home != null && !Files.isDirectory(home.resolve("pgdata"))) {
            throw new UsageException(home + " is not a hub home (no pgdata/); load one with hub-bench/views.sh");
        }
        if (launch == null) {
            launch = jar == null ? HubLaunchMode.HUB : HubLaunchMode.JAR;
        } else if (launch == HubLaunchMode.HUB && jar != null) {
            throw new UsageException("--jar starts that jar plainly; --launch hub starts what ./hub prepare unpacked");
        }
        // A preloaded home has no vanilla twin: loading the same million resources into HAPI is not part of this.
        return new BenchOptions(repo.normalize(), Optional.ofNullable(jar), bundles, searches, warmup, threads,
                seed, keepHome || home != null, demoPatients, vanilla && home == null, Optional.ofNullable(home),
                startupLimit, launch);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static int positive(String option, String value) {
        int n = integer(option, value);
        if (n < 1) {
            throw new UsageException(option + " must be at least 1");
        }
        return n;
    }

    private static int nonNegative(String option, String value) {
        int n = integer(option, value);
        if (n < 0) {
            throw new UsageException(option + " must not be negative");
        }
        return n;
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a whole number, not " + value);
        }
    }

    /** A command-line mistake: reported with the usage text, never with a stack trace. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
