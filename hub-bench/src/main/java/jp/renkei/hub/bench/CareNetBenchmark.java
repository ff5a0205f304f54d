package jp.renkei.hub.bench;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Care-net at scale: a room's timeline of 5,000 posts and a search in a room of 100,000 posts, each measured
 * through the portal page (a person logged in through the portal's login form, HTTPS, cookies kept) and through
 * the REST API (the same person, bearer session) in the same run, one request at a time, after warm-up. The
 * person is the rooms' applicant, a care manager; the data is {@link CareNetBenchLoader}'s, loaded once into the
 * home. Targets: timeline p95 &lt; 300 ms, search p95 &lt; 500 ms.
 *
 * <pre>bash hub-bench/carenet.sh [--timeline-posts 5000] [--search-posts 100000] [--requests 100] [--warmup 20] [--home PATH]</pre>
 */
public final class CareNetBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = PortalPageBenchmark.options(args, Map.of("--timeline-posts", "5000",
                "--search-posts", "100000", "--requests", "100", "--warmup", "20", "--home", "hub-bench/target/carenet-home"));
        Path repo = Path.of("").toAbsolutePath();
        Path home = repo.resolve(options.get("--home")).normalize();
        PrintStream out = System.out;
        Optional<CareNetBenchData> existing = CareNetBenchData.read(home);
        CareNetBenchData data;
        if (existing.isPresent()) {
            data = existing.get();
            out.printf("carenet-bench: reusing %s: rooms of %d and %d posts%n", home, data.timelinePosts(), data.searchPosts());
        } else {
            data = new CareNetBenchLoader(home, Integer.parseInt(options.get("--timeline-posts")),
                    Integer.parseInt(options.get("--search-posts")), out).load();
        }
        System.exit(measure(repo, home, data, Integer.parseInt(options.get("--requests")),
                Integer.parseInt(options.get("--warmup")), out));
    }

    /** One measured request: a path for the portal or the API, and what a correct answer contains. */
    private record Probe(String name, String path, boolean api, Predicate<String> correct) {
    }

    private static int measure(Path repo, Path home, CareNetBenchData data, int requests, int warmup, PrintStream out)
            throws Exception {
        // up to 10 minutes to start: the shared build machine is often loaded far beyond its two cores
        try (HubProcess hub = PortalPageBenchmark.startHub(repo, home, Duration.ofSeconds(600), "carenet-bench", out)) {
            Path ca = home.resolve("pki/ca.crt");

            PortalPageBenchmark.Browser browser = new PortalPageBenchmark.Browser(HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER).sslContext(TlsCredentials.context(ca, Optional.empty()))
                    .build(), "https://localhost:" + hub.port());
            browser.logIn(data.login(), data.password());
            FhirLoadClient anonymous = FhirLoadClient.forHub(hub.port(), ca, Optional.empty());
            FhirLoadClient.TimedResponse login = anonymous.postJson("/api/auth/login", JSON.writeValueAsString(Map.of(
                    "login", data.login(), "password", data.password(), "facilityId", data.careOfficeId())));
            if (login.status() != 200) {
                throw new IllegalStateException("care manager API login failed: " + login.status() + " " + login.body());
            }
            FhirLoadClient api = anonymous.withBearer(JSON.readTree(login.body()).path("token").asText());

            String word = URLEncoder.encode(CareNetNotes.COMMON, StandardCharsets.UTF_8);
            String rare = URLEncoder.encode(CareNetNotes.RARE, StandardCharsets.UTF_8);
            LocalDate today = LocalDate.now(JAPAN);
            String filters = "&authorId=" + data.nurseId() + "&from=" + today.minusMonths(6) + "&to=" + today;
            String timeline = "/care-net/rooms/" + data.timelineRoom();
            String search = "/care-net/rooms/" + data.searchRoom() + "/search?q=";
            List<Probe> probes = List.of(
                    // the portal's and the API's fixed cost (session, audit of the request, layout): a page with one query
                    new Probe("baseline: mail frequency, portal page", "/portal/care-net/mail", false,
                            b -> b.contains("name=\"frequency\"")),
                    new Probe("baseline: mail frequency, REST API", "/api/care-net/mail-preference", true,
                            b -> b.contains("frequency")),
                    new Probe("timeline, portal page (first 50 of " + data.timelinePosts() + ")", "/portal" + timeline,
                            false, b -> b.split("class=\"carenet-post", -1).length - 1 == 50),
                    new Probe("timeline, REST API (first 50)", "/api" + timeline + "/posts", true,
                            b -> b.split("\"readLabel\"", -1).length - 1 == 50),
                    new Probe("search 「" + CareNetNotes.COMMON + "」 + member + 6 months, portal page",
                            "/portal" + search + word + filters, false, b -> b.contains("検索結果（")),
                    new Probe("search 「" + CareNetNotes.COMMON + "」 + member + 6 months, REST API",
                            "/api" + search + word + filters, true, b -> b.startsWith("[")),
                    new Probe("search 「" + CareNetNotes.RARE + "」 (rare), portal page", "/portal" + search + rare, false,
                            b -> b.contains("検索結果（")),
                    new Probe("search 「" + CareNetNotes.RARE + "」 (rare), REST API", "/api" + search + rare, true,
                            b -> b.startsWith("[")));

            int failures = 0;
            long[][] nanos = new long[probes.size()][requests];
            int[] sizes = new int[probes.size()];
            for (int i = -warmup; i < requests; i++) {
                for (int p = 0; p < probes.size(); p++) {
                    Probe probeNow = probes.get(p);
                    long begin = System.nanoTime();
                    int status;
                    String body;
                    if (probeNow.api()) {
                        FhirLoadClient.TimedResponse response = api.getPath(probeNow.path(), Duration.ofMinutes(2));
                        status = response.status();
                        body = response.body();
                    } else {
                        HttpResponse<String> response = browser.get(probeNow.path());
                        status = response.statusCode();
                        body = response.body();
                    }
                    long took = System.nanoTime() - begin;
                    if (status != 200 || !probeNow.correct().test(body)) {
                        failures++;
                        out.println("carenet-bench: " + probeNow.name() + " answered " + status + " "
                                + body.substring(0, Math.min(300, body.length())));
                        continue;
                    }
                    if (i >= 0) {
                        nanos[p][i] = took;
                        sizes[p] = body.length();
                    }
                }
            }
            // the named peer: the search's SQL before and after migration V10_9, in the same hub's database
            long[][] sql = new long[4][requests];
            boolean same;
            try (CareNetSqlPeer peer = CareNetSqlPeer.connect(home)) {
                same = peer.sameAnswer(data.searchRoom(), CareNetNotes.COMMON)
                        && peer.sameAnswer(data.searchRoom(), CareNetNotes.RARE);
                for (int i = -warmup; i < requests; i++) {
                    long[] round = {peer.plain(data.searchRoom(), CareNetNotes.RARE),
                        peer.indexed(data.searchRoom(), CareNetNotes.RARE),
                        peer.plain(data.searchRoom(), CareNetNotes.COMMON),
                        peer.indexed(data.searchRoom(), CareNetNotes.COMMON)};
                    for (int k = 0; i >= 0 && k < round.length; k++) {
                        sql[k][i] = round[k];
                    }
                }
            }
            if (!same) {
                failures++;
                out.println("carenet-bench: the plain and the indexed search answered different posts");
            }
            out.println("=== carenet-bench summary ===");
            out.printf(Locale.ROOT, "timeline room %d posts, search room %d posts; requests=%d warmup=%d failures=%d"
                    + " nproc=%d load average %s%n", data.timelinePosts(), data.searchPosts(), requests, warmup, failures,
                    Runtime.getRuntime().availableProcessors(), ProcFs.loadAverage());
            for (int p = 0; p < probes.size(); p++) {
                LatencyStats stats = LatencyStats.ofNanos(nanos[p]);
                out.printf(Locale.ROOT, "%-60s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms  (%d chars)%n",
                        probes.get(p).name(), stats.p50Ms(), stats.p95Ms(), stats.maxMs(), sizes[p]);
            }
            String[] peers = {"SQL 「" + CareNetNotes.RARE + "」, plain ILIKE over the concatenation (before V10_9)",
                "SQL 「" + CareNetNotes.RARE + "」, search_text with its trigram index",
                "SQL 「" + CareNetNotes.COMMON + "」, plain ILIKE over the concatenation (before V10_9)",
                "SQL 「" + CareNetNotes.COMMON + "」, search_text (room index)"};
            for (int k = 0; k < peers.length; k++) {
                LatencyStats stats = LatencyStats.ofNanos(sql[k]);
                out.printf(Locale.ROOT, "%-60s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms%n", peers[k], stats.p50Ms(),
                        stats.p95Ms(), stats.maxMs());
            }
            out.println("=== end of summary ===");
            hub.stop(Duration.ofSeconds(60));
            return failures == 0 ? 0 : 1;
        }
    }

    private CareNetBenchmark() {
    }
}
