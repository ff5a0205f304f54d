package jp.renkei.hub.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;

/** A plain HTTP client for the hub's FHIR endpoint, so tests see exactly what a remote system sees. */
public final class FhirHttp {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public FhirHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Response(int status, String contentType, String body) {

        public <T extends IBaseResource> T resource(Class<T> type) {
            return FHIR.newJsonParser().parseResource(type, body);
        }

        /** All diagnostics of the OperationOutcome in the body, joined, for assertions on the message. */
        public String diagnostics() {
            OperationOutcome outcome = resource(OperationOutcome.class);
            StringBuilder text = new StringBuilder();
            outcome.getIssue().forEach(issue -> text.append(issue.getSeverity()).append(": ")
                    .append(issue.getDiagnostics()).append('\n'));
            return text.toString();
        }
    }

    public Response get(String path) {
        return get(path, "application/fhir+json");
    }

    public Response get(String path, String accept) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
    }

    public Response post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/fhir+json")
                .header("Content-Type", "application/fhir+json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response post(String path, IBaseResource resource) {
        return post(path, json(resource));
    }

    public static String json(IBaseResource resource) {
        return FHIR.newJsonParser().encodeResourceToString(resource);
    }

    private URI uri(String path) {
        // '|' separates system and code in FHIR token searches; java.net.URI wants it encoded.
        return URI.create(base + path.replace("|", "%7C"));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
