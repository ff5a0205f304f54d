package jp.renkei.hub.ops.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.bench.TlsCredentials;

/**
 * HTTPS to one running hub process as a facility system (its client certificate) or as a logged-in person (a
 * bearer token): the hub's port changes with every start, so a drill makes one per process.
 */
final class HubHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SOURCE_FACILITY = "https://renkei-hub.jp/fhir/CodeSystem/source-facility";

    /** An answer: status and body. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON (HTTP " + status + "): " + body, e);
            }
        }
    }

    private final HttpClient http;
    private final URI base;
    private final String bearer;

    private HubHttp(HttpClient http, URI base, String bearer) {
        this.http = http;
        this.base = base;
        this.bearer = bearer;
    }

    /** As a facility system: mutual TLS with the demo gateway's key and certificate in {@code <home>/demo/}. */
    static HubHttp asGateway(Path home, int port, String stem) {
        return create(home, port, Optional.of(new TlsCredentials(home.resolve("demo/" + stem + "-gateway.key"),
                home.resolve("demo/" + stem + "-gateway.crt"))));
    }

    /** Without a client certificate: the login API, then {@link #withBearer}. */
    static HubHttp anonymous(Path home, int port) {
        return create(home, port, Optional.empty());
    }

    private static HubHttp create(Path home, int port, Optional<TlsCredentials> credentials) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .sslContext(TlsCredentials.context(home.resolve("pki/ca.crt"), credentials)).build();
        return new HubHttp(http, URI.create("https://localhost:" + port), null);
    }

    HubHttp withBearer(String token) {
        return new HubHttp(http, base, token);
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(request(path).header("Accept", "application/json, application/fhir+json").GET());
    }

    Answer postJson(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer postBytes(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", contentType).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /**
     * How many resources a FHIR search matches, counted by paging through it (the hub does not offer
     * {@code _summary=count}: what a requester may see is decided per resource by the consent gate). A resource
     * listed twice would be counted twice, so a duplicate shows.
     */
    long count(String type, String query) throws IOException, InterruptedException {
        String next = "/fhir/" + type + "?" + query + "&_count=200";
        long matches = 0;
        while (next != null) {
            Answer answer = get(next);
            if (answer.status() != 200) {
                throw new IllegalStateException("Searching " + next + ": HTTP " + answer.status() + " "
                        + answer.body());
            }
            JsonNode bundle = answer.json();
            for (JsonNode entry : bundle.path("entry")) {
                if (!"include".equals(entry.path("search").path("mode").asText())
                        && !"outcome".equals(entry.path("search").path("mode").asText())) {
                    matches++;
                }
            }
            next = null;
            for (JsonNode link : bundle.path("link")) {
                if ("next".equals(link.path("relation").asText())) {
                    URI uri = URI.create(link.path("url").asText());
                    next = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                }
            }
        }
        return matches;
    }

    /** Search parameter for the resources a facility is the source of. */
    static String ofFacility(String facilityId) {
        return "_tag=" + encode(SOURCE_FACILITY + "|" + facilityId);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request;
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }
}
