package jp.renkei.hub.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portal's patient page ({@code GET /portal/patients/<event number>}) rendered for a logged-in person over
 * HTTPS, for patients of about 1,000 resources each (labs, prescriptions, dispenses, encounters, diagnoses: the
 * views benchmark's data, {@link ViewsDataLoader}). The person is the views benchmark's care manager of the demo
 * care office, logged in through the portal's own login form (password; the session cookie and CSRF cookie
 * kept), so every page goes through the portal's filter chain, the consent gate for every resource (all of them
 * another facility's, opened by the patients' consents), its audit, the summary, the lab trend charts (SVG) and
 * the duplicate-medication check, and Thymeleaf.
 *
 * <pre>bash hub-bench/portal.sh [--patients 20] [--visits 77] [--requests 100] [--warmup 20] [--home PATH]</pre>
 */
public final class PortalPageBenchmark {

    private static final Pattern COOKIE = Pattern.compile("^([^=;]+)=([^;]*)");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args, Map.of("--patients", "20", "--visits", "77",
                "--requests", "100", "--warmup", "20", "--threads", "2", "--home", "hub-bench/target/portal-home"));
        Path repo = Path.of("").toAbsolutePath();
        Path home = repo.resolve(options.get("--home")).normalize();
        PrintStream out = System.out;
        Optional<ViewsBenchData> existing = ViewsBenchData.read(home);
        ViewsBenchData data;
        if (existing.isPresent()) {
            data = existing.get();
            out.printf("portal-bench: reusing %s: %d patients, %d resources%n", home, data.eventNumbers().size(),
                    data.resources());
        } else {
            ViewsDataLoader loader = new ViewsDataLoader(home, Integer.parseInt(options.get("--patients")),
                    Integer.parseInt(options.get("--visits")), Integer.parseInt(options.get("--threads")),
                    Duration.ZERO, out);
            out.printf("portal-bench: loading %s patients x %d resources into %s%n", options.get("--patients"),
                    loader.resourcesPerPatient(), home);
            data = loader.load();
        }
        System.exit(measure(repo, home, data, Integer.parseInt(options.get("--requests")),
                Integer.parseInt(options.get("--warmup")), out));
    }

    private static int measure(Path repo, Path home, ViewsBenchData data, int requests, int warmup, PrintStream out)
            throws Exception {
        try (HubProcess hub = startHub(repo, home, Duration.ofSeconds(240), "portal-bench", out)) {
            Path ca = home.resolve("pki/ca.crt");

            Browser browser = new Browser(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
                    .sslContext(TlsCredentials.context(ca, Optional.empty())).build(), "https://localhost:" + hub.port());
            browser.logIn(data.login(), data.password());

            // the same person's Patient/$summary over the API (bearer session), asked right after each page, so
            // the page's own cost (the portal beyond the summary's gated load) can be told from the gate's
            FhirLoadClient anonymous = FhirLoadClient.forHub(hub.port(), ca, Optional.empty());
            FhirLoadClient.TimedResponse apiLogin = anonymous.postJson("/api/auth/login",
                    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("login", data.login(),
                            "password", data.password(), "facilityId", data.careOfficeId())));
            if (apiLogin.status() != 200) {
                throw new IllegalStateException("care manager API login failed: " + apiLogin.status());
            }
            FhirLoadClient api = anonymous.withBearer(new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(apiLogin.body()).path("token").asText());
            long[] summaryNanos = new long[requests];

            SplittableRandom random = new SplittableRandom(20260401);
            long[] nanos = new long[requests];
            int failures = 0;
            int bytes = 0;
            int charts = 0;
            for (int i = -warmup; i < requests; i++) {
                String number = data.eventNumbers().get(random.nextInt(data.eventNumbers().size()));
                long begin = System.nanoTime();
                HttpResponse<String> page = browser.get("/portal/patients/" + number);
                long took = System.nanoTime() - begin;
                if (page.statusCode() != 200 || !page.body().contains("class=\"lab-chart\"")
                        || !page.body().contains("id=\"dispensing\"")) {
                    failures++;
                    out.println("portal-bench: " + number + " answered " + page.statusCode() + " "
                            + page.body().substring(0, Math.min(300, page.body().length())));
                    continue;
                }
                FhirLoadClient.TimedResponse summary = api.get("Patient/$summary?patient=" + number);
                if (summary.status() != 200) {
                    failures++;
                    out.println("portal-bench: $summary of " + number + " answered " + summary.status());
                    continue;
                }
                if (i >= 0) {
                    summaryNanos[i] = summary.nanos();
                    nanos[i] = took;
                    bytes = page.body().length();
                    charts = page.body().split("class=\"lab-chart\"", -1).length - 1;
                }
            }
            LatencyStats stats = LatencyStats.ofNanos(nanos);
            out.println("=== portal-bench summary ===");
            out.printf(Locale.ROOT, "patients=%d resources=%d (about %d per patient) requests=%d warmup=%d failures=%d nproc=%d%n",
                    data.eventNumbers().size(), data.resources(), data.resources() / Math.max(1, data.eventNumbers().size()),
                    requests, warmup, failures, Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "patient page: p50 %.1f ms p95 %.1f ms max %.1f ms mean %.1f ms | last page %d chars,"
                            + " %d lab charts | load average %s%n", stats.p50Ms(), stats.p95Ms(), stats.maxMs(),
                    stats.meanMs(), bytes, charts, ProcFs.loadAverage());
            LatencyStats summaryStats = LatencyStats.ofNanos(summaryNanos);
            out.printf(Locale.ROOT, "same person's Patient/$summary (API, asked after each page): p50 %.1f ms p95 %.1f ms"
                    + " max %.1f ms%n", summaryStats.p50Ms(), summaryStats.p95Ms(), summaryStats.maxMs());
            out.println("=== end of summary ===");
            hub.stop(Duration.ofSeconds(60));
            return failures == 0 ? 0 : 1;
        }
    }

    /** {@code --name value} pairs over the defaults; an unknown name is refused. */
    static Map<String, String> options(String[] args, Map<String, String> defaults) {
        Map<String, String> options = new LinkedHashMap<>(defaults);
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options.keySet());
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    /** The packaged hub started on a loaded home (demo network, no DICOM port), once it answers and is ready. */
    static HubProcess startHub(Path repo, Path home, Duration firstAnswer, String name, PrintStream out)
            throws Exception {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("RENKEI_DEMO_DATA", "true");
        environment.put("RENKEI_DICOM_PORT", "0");
        HubProcess.Launch launch = new HubProcess.Launch(Path.of(System.getProperty("java.home"), "bin", "java"),
                HubBenchmark.readJvmOptions(repo.resolve("config/jvm.options")), HubBenchmark.findExecJar(repo), environment);
        HubProcess hub = HubProcess.start(launch, home, true);
        try {
            FhirLoadClient probe = FhirLoadClient.forHub(hub.port(), home.resolve("pki/ca.crt"), Optional.of(
                    new TlsCredentials(home.resolve("demo/hospital-gateway.key"), home.resolve("demo/hospital-gateway.crt"))));
            Duration started = hub.awaitFirstMetadata(() -> probe, firstAnswer);
            hub.awaitReadiness(probe, Duration.ofSeconds(120));
            out.printf(Locale.ROOT, "%s: hub up in %.1f s on port %d%n", name, started.toMillis() / 1000.0, hub.port());
            return hub;
        } catch (Exception | Error e) {
            hub.close();
            throw e;
        }
    }

    /** A browser's cookie jar over the JDK client: the portal's session and CSRF cookies. */
    static final class Browser {
        private final HttpClient http;
        private final String base;
        private final Map<String, String> cookies = new LinkedHashMap<>();

        Browser(HttpClient http, String base) {
            this.http = http;
            this.base = base;
        }

        void logIn(String login, String password) throws IOException, InterruptedException {
            HttpResponse<String> form = get("/portal/login");
            Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
            if (!token.find()) {
                throw new IllegalStateException("no CSRF token on the login page: " + form.statusCode());
            }
            HttpResponse<String> done = post("/portal/login", Map.of("_csrf", token.group(1), "login", login,
                    "password", password));
            if (done.statusCode() != 302 || !cookies.keySet().stream().anyMatch(c -> c.contains("session"))) {
                throw new IllegalStateException("portal login failed: " + done.statusCode() + " " + done.body());
            }
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2)).GET());
        }

        HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
            StringBuilder form = new StringBuilder();
            fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            if (!cookies.isEmpty()) {
                request.header("Cookie", String.join("; ", cookies.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            List<String> set = response.headers().allValues("Set-Cookie");
            for (String header : set) {
                Matcher cookie = COOKIE.matcher(header);
                if (cookie.find()) {
                    if (cookie.group(2).isEmpty() || header.contains("Max-Age=0")) {
                        cookies.remove(cookie.group(1));
                    } else {
                        cookies.put(cookie.group(1), cookie.group(2));
                    }
                }
            }
            return response;
        }
    }

    private PortalPageBenchmark() {
    }
}
