package jp.renkei.hub.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The clinical views under load: {@code Patient/$summary}, {@code $dispensing-history} and {@code $lab-trend},
 * each asked by the data's own facility (the demo hospital's gateway, client certificate: the gate permits its
 * own data without asking the registry) and by a consented other facility (a care manager of the demo care
 * office, bearer token: every resource decided by the consent registry), for the same random patients,
 * alternately. Data comes from {@link ViewsDataLoader} into a persistent home (loaded once; reruns reuse it).
 *
 * <pre>bash hub-bench/views.sh [--patients 1000] [--visits 77] [--requests 200] [--load-minutes 0] [--home PATH]</pre>
 */
public final class ViewsBenchmark {

    private static final String JLAC10 = "urn:oid:1.2.392.200119.4.504";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--patients", "1000", "--visits", "77",
                "--requests", "200", "--warmup", "30", "--threads", "2", "--home", "hub-bench/target/views-home",
                "--load-minutes", "0"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options.keySet());
            }
            options.put(args[i], args[i + 1]);
        }
        Path repo = Path.of("").toAbsolutePath();
        Path home = repo.resolve(options.get("--home")).normalize();
        PrintStream out = System.out;
        Optional<ViewsBenchData> existing = ViewsBenchData.read(home);
        ViewsBenchData data;
        if (existing.isPresent()) {
            data = existing.get();
            out.printf("views-bench: reusing %s: %d patients, %d resources (loaded in %.0f s)%n", home,
                    data.eventNumbers().size(), data.resources(), data.loadSeconds());
        } else {
            ViewsDataLoader loader = new ViewsDataLoader(home, Integer.parseInt(options.get("--patients")),
                    Integer.parseInt(options.get("--visits")), Integer.parseInt(options.get("--threads")),
                    Duration.ofMinutes(Long.parseLong(options.get("--load-minutes"))), out);
            out.printf("views-bench: loading %s patients x %d resources into %s%n", options.get("--patients"),
                    loader.resourcesPerPatient(), home);
            data = loader.load();
            out.printf(Locale.ROOT, "views-bench: loaded %d patients, %d resources in %.0f s (%.0f resources/s)%n",
                    data.eventNumbers().size(), data.resources(), data.loadSeconds(), data.resources() / data.loadSeconds());
        }
        System.exit(measure(repo, home, data, Integer.parseInt(options.get("--requests")),
                Integer.parseInt(options.get("--warmup")), out));
    }

    private static int measure(Path repo, Path home, ViewsBenchData data, int requests, int warmup, PrintStream out)
            throws Exception {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("RENKEI_DEMO_DATA", "true");
        environment.put("RENKEI_DICOM_PORT", "0"); // any free port: another hub on this machine may hold 11112
        HubProcess.Launch launch = new HubProcess.Launch(Path.of(System.getProperty("java.home"), "bin", "java"),
                HubBenchmark.readJvmOptions(repo.resolve("config/jvm.options")), HubBenchmark.findExecJar(repo), environment);
        try (HubProcess hub = HubProcess.start(launch, home, true)) {
            Path ca = home.resolve("pki/ca.crt");
            FhirLoadClient own = FhirLoadClient.forHub(hub.port(), ca, Optional.of(new TlsCredentials(
                    home.resolve("demo/hospital-gateway.key"), home.resolve("demo/hospital-gateway.crt"))));
            Duration started = hub.awaitFirstMetadata(() -> own, Duration.ofSeconds(240));
            hub.awaitReadiness(own, Duration.ofSeconds(120));
            out.printf(Locale.ROOT, "views-bench: hub up in %.1f s on port %d%n", started.toMillis() / 1000.0, hub.port());
            FhirLoadClient anonymous = FhirLoadClient.forHub(hub.port(), ca, Optional.empty());
            FhirLoadClient.TimedResponse login = anonymous.postJson("/api/auth/login", new ObjectMapper()
                    .writeValueAsString(Map.of("login", data.login(), "password", data.password(),
                            "facilityId", data.careOfficeId())));
            if (login.status() != 200) {
                throw new IllegalStateException("care manager login failed: " + login.status() + " " + login.body());
            }
            FhirLoadClient gated = anonymous.withBearer(new ObjectMapper().readTree(login.body()).path("token").asText());

            Map<String, String> operations = new LinkedHashMap<>();
            operations.put("summary", "Patient/$summary?patient=%s");
            operations.put("dispensing-history", "Patient/$dispensing-history?patient=%s");
            operations.put("lab-trend", "Patient/$lab-trend?patient=%s&code=" + JLAC10 + "%%7C" + ViewsDataLoader.HBA1C);
            int failures = 0;
            List<String> lines = new ArrayList<>();
            for (Map.Entry<String, String> operation : operations.entrySet()) {
                SplittableRandom random = new SplittableRandom(20260401);
                long[] ownNanos = new long[requests];
                long[] gatedNanos = new long[requests];
                int ownBytes = 0;
                int gatedBytes = 0;
                for (int i = -warmup; i < requests; i++) {
                    String number = data.eventNumbers().get(random.nextInt(data.eventNumbers().size()));
                    String url = String.format(operation.getValue(), number);
                    // alternate who goes first, so neither requester profits from the other's warmed caches
                    boolean ownFirst = (i & 1) == 0;
                    FhirLoadClient.TimedResponse a = (ownFirst ? own : gated).get(url);
                    FhirLoadClient.TimedResponse b = (ownFirst ? gated : own).get(url);
                    FhirLoadClient.TimedResponse o = ownFirst ? a : b;
                    FhirLoadClient.TimedResponse g = ownFirst ? b : a;
                    if (o.status() != 200 || g.status() != 200) {
                        failures++;
                        out.println("views-bench: " + url + " own " + o.status() + " gated " + g.status() + " "
                                + (g.status() != 200 ? g.body() : o.body()).substring(0, 200));
                        continue;
                    }
                    if (i >= 0) {
                        ownNanos[i] = o.nanos();
                        gatedNanos[i] = g.nanos();
                        ownBytes = o.body().length();
                        gatedBytes = g.body().length();
                    }
                }
                LatencyStats ownStats = LatencyStats.ofNanos(ownNanos);
                LatencyStats gatedStats = LatencyStats.ofNanos(gatedNanos);
                String line = String.format(Locale.ROOT, "%s: own p50 %.1f ms p95 %.1f ms | gated p50 %.1f ms p95 %.1f ms"
                                + " | ratio p50 %.2f p95 %.2f | last answer %d / %d chars | load average %s",
                        operation.getKey(), ownStats.p50Ms(), ownStats.p95Ms(), gatedStats.p50Ms(), gatedStats.p95Ms(),
                        gatedStats.p50Ms() / ownStats.p50Ms(), gatedStats.p95Ms() / ownStats.p95Ms(), ownBytes, gatedBytes,
                        ProcFs.loadAverage());
                lines.add(line);
                out.println("views-bench: " + line);
            }
            out.println("=== views-bench summary ===");
            out.printf(Locale.ROOT, "patients=%d resources=%d requests_per_operation=%d failures=%d nproc=%d%n",
                    data.eventNumbers().size(), data.resources(), requests, failures,
                    Runtime.getRuntime().availableProcessors());
            lines.forEach(out::println);
            out.println("=== end of summary ===");
            hub.stop(Duration.ofSeconds(60));
            return failures == 0 ? 0 : 1;
        }
    }

    private ViewsBenchmark() {
    }
}
