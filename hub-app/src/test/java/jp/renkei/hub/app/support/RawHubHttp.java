package jp.renkei.hub.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * An HTTPS client of the hub that keeps what {@link FhirHttp} drops: every method (PATCH included), any
 * request header (If-None-Exist, If-Match, Prefer) and the response headers (ETag, Location,
 * Content-Location, Last-Modified). For tests that compare two answers of the hub byte by byte.
 */
public final class RawHubHttp {

    public static final String FHIR_JSON = "application/fhir+json; charset=UTF-8";
    public static final String JSON_PATCH = "application/json-patch+json";

    private final HttpClient client;
    private final String base;
    private final String token;
    private final String name;

    private RawHubHttp(HttpClient client, String base, String token, String name) {
        this.client = client;
        this.base = base;
        this.token = token;
        this.name = name;
    }

    /** A person of the hub with a session token. */
    public static RawHubHttp forPerson(String name, int port, Path home, String token) {
        return new RawHubHttp(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .sslContext(FhirHttp.trusting(home.resolve("pki/ca.crt"))).build(), "https://localhost:" + port, token,
                name);
    }

    /** A facility system with its client certificate (mutual TLS). */
    public static RawHubHttp forDevice(String name, int port, Path home, Path key, Path certificate) {
        return new RawHubHttp(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .sslContext(FhirHttp.deviceContext(home, key, certificate)).build(), "https://localhost:" + port, null,
                name);
    }

    /** Who this client acts as, for messages. */
    public String name() {
        return name;
    }

    /** One answer of the hub: status, body and headers. */
    public record Exchange(String request, int status, String body, HttpHeaders headers) {

        public Optional<String> header(String header) {
            return headers.firstValue(header);
        }

        public boolean success() {
            return status >= 200 && status < 300;
        }

        /** For messages: the status and the start of the body. */
        public String brief() {
            String text = body.replaceAll("\\s+", " ");
            return status + " " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
    }

    public Exchange get(String path) {
        return send("GET", path, null, null);
    }

    public Exchange post(String path, String fhirJson, String... headers) {
        return send("POST", path, FHIR_JSON, fhirJson, headers);
    }

    public Exchange put(String path, String fhirJson, String... headers) {
        return send("PUT", path, FHIR_JSON, fhirJson, headers);
    }

    public Exchange patch(String path, String jsonPatch) {
        return send("PATCH", path, JSON_PATCH, jsonPatch);
    }

    public Exchange delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** A plain JSON call of the hub's REST API (e.g. {@code /api/consents}). */
    public Exchange postApi(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    /** {@code headers} are name/value pairs added to the request. */
    public Exchange send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + encode(path)))
                .timeout(Duration.ofSeconds(120))
                .header("Accept", "application/fhir+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Exchange(method + " " + path, response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Characters java.net.URI refuses in a query and FHIR uses: '|' of tokens, spaces, quotes. */
    private static String encode(String path) {
        return path.replace("|", "%7C").replace(" ", "%20").replace("\"", "%22");
    }
}
