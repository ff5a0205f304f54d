package jp.renkei.hub.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The benchmark's HTTP side: plain JDK HTTP/1.1 requests to the hub's FHIR endpoint, each timed from just
 * before sending to the last byte of the response body. It does no parsing, so the timings are the server's
 * plus the loopback, not the client's JSON work.
 */
public final class FhirLoadClient {

    static final String FHIR_JSON = "application/fhir+json";

    /** One exchange: status, body and how long it took. */
    public record TimedResponse(int status, String body, long nanos) {
    }

    private final HttpClient http;
    private final URI fhirBase;
    private final Duration requestTimeout;
    private final String bearer;

    public FhirLoadClient(HttpClient http, URI fhirBase, Duration requestTimeout) {
        this(http, fhirBase, requestTimeout, null);
    }

    private FhirLoadClient(HttpClient http, URI fhirBase, Duration requestTimeout, String bearer) {
        this.http = http;
        this.fhirBase = fhirBase;
        this.requestTimeout = requestTimeout;
        this.bearer = bearer;
    }

    /** The same client, sending {@code Authorization: Bearer <token>} (a person's session) on FHIR requests. */
    public FhirLoadClient withBearer(String token) {
        return new FhirLoadClient(http, fhirBase, requestTimeout, token);
    }

    /** POST a JSON body to an absolute path of the hub, e.g. {@code /api/auth/login}. */
    public TimedResponse postJson(String absolutePath, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(fhirBase.resolve(absolutePath)).timeout(requestTimeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer); // e.g. a consent withdrawal by a person
        }
        return send(request.build());
    }

    /**
     * A client for the hub on {@code localhost:port} over HTTPS, trusting only the hub's CA; with
     * {@code credentials}, it authenticates as that facility system by its TLS client certificate.
     */
    public static FhirLoadClient forHub(int port, Path caCertificate, Optional<TlsCredentials> credentials) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .sslContext(TlsCredentials.context(caCertificate, credentials))
                .build();
        return new FhirLoadClient(http, URI.create("https://localhost:" + port + "/fhir"), Duration.ofMinutes(2));
    }

    /** A client for a server on {@code 127.0.0.1:port} over plain HTTP, without credentials: the vanilla HAPI peer. */
    public static FhirLoadClient forPlainHttp(int port) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return new FhirLoadClient(http, URI.create("http://127.0.0.1:" + port + "/fhir"), Duration.ofMinutes(2));
    }

    /** POST one resource to {@code /fhir/<type>} (a plain create). */
    public TimedResponse postResource(String type, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(resolve(type)).timeout(requestTimeout)
                .header("Content-Type", FHIR_JSON + "; charset=UTF-8").header("Accept", FHIR_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** GET an absolute path of the hub (outside /fhir), e.g. {@code /actuator/health/readiness}. */
    public TimedResponse getPath(String absolutePath, Duration timeout) throws IOException, InterruptedException {
        URI uri = fhirBase.resolve(absolutePath);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer); // the REST API beside FHIR, e.g. care-net
        }
        return send(request.build());
    }

    /** GET {@code /fhir/<pathAndQuery>}, e.g. {@code metadata} or {@code Observation?patient=1}. */
    public TimedResponse get(String pathAndQuery, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(pathAndQuery))
                .timeout(timeout)
                .header("Accept", FHIR_JSON)
                .GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    public TimedResponse get(String pathAndQuery) throws IOException, InterruptedException {
        return get(pathAndQuery, requestTimeout);
    }

    /** POST a transaction or batch Bundle to the FHIR base. */
    public TimedResponse postBundle(String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(fhirBase)
                .timeout(requestTimeout)
                .header("Content-Type", FHIR_JSON + "; charset=UTF-8")
                .header("Accept", FHIR_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return send(request);
    }

    private TimedResponse send(HttpRequest request) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new TimedResponse(response.statusCode(), response.body(), System.nanoTime() - started);
    }

    private URI resolve(String pathAndQuery) {
        return URI.create(fhirBase + "/" + pathAndQuery);
    }
}
