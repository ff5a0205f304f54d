package jp.renkei.hub.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.io.Reader;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import ca.uhn.fhir.context.FhirContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A plain HTTPS client for the hub, so tests see exactly what a remote system sees: it trusts only the hub's
 * own CA and, once given a session token, sends it as a bearer token.
 */
public final class FhirHttp {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final HttpClient client;
    private final String base;
    private final String token;
    private final String purpose;

    private FhirHttp(HttpClient client, String base, String token) {
        this(client, base, token, null);
    }

    private FhirHttp(HttpClient client, String base, String token, String purpose) {
        this.client = client;
        this.base = base;
        this.token = token;
        this.purpose = purpose;
    }

    /** The same client declaring a purpose of use ({@code X-Purpose-Of-Use}) on every request. */
    public FhirHttp withPurpose(String purposeOfUse) {
        return new FhirHttp(client, base, token, purposeOfUse);
    }

    /** A client of the hub on {@code port} whose state (and CA) is in {@code home}. */
    public static FhirHttp forHub(int port, Path home) {
        return new FhirHttp(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .sslContext(trusting(home.resolve("pki/ca.crt"))).build(), "https://localhost:" + port, null);
    }

    /**
     * A facility system's client of the hub: TLS client authentication with the device's PEM key (PKCS#8) and
     * certificate, e.g. the demo gateways' files in {@code <home>/demo/}.
     */
    public static FhirHttp forDevice(int port, Path home, Path key, Path certificate) {
        return new FhirHttp(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .sslContext(deviceContext(home, key, certificate)).build(), "https://localhost:" + port, null);
    }

    /** TLS as a facility system: its key (PEM PKCS#8) and certificate, trusting the hub CA of {@code home}. */
    public static SSLContext deviceContext(Path home, Path key, Path certificate) {
        try (Reader keyPem = Files.newBufferedReader(key); InputStream certificatePem = Files.newInputStream(certificate)) {
            Object parsed = new PEMParser(keyPem).readObject();
            PrivateKey privateKey = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parsed);
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("device", privateKey, new char[0], new Certificate[] {
                    CertificateFactory.getInstance("X.509").generateCertificate(certificatePem)});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trustManagers(home.resolve("pki/ca.crt")), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public FhirHttp withToken(String sessionToken) {
        return new FhirHttp(client, base, sessionToken, purpose);
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
        return send(request(path).header("Accept", accept).GET());
    }

    /** A response whose body is bytes (DICOM files, images, multipart), with its headers. */
    public record BinaryResponse(int status, String contentType, byte[] body, java.net.http.HttpHeaders headers) {
    }

    public BinaryResponse getBytes(String path) {
        return getBytes(path, null);
    }

    public BinaryResponse getBytes(String path, String accept) {
        HttpRequest.Builder request = request(path).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return sendForBytes(request);
    }

    /** Raw bytes posted, the answer read as bytes (e.g. STOW-RS multipart). */
    public BinaryResponse postBinary(String path, String contentType, byte[] body) {
        return sendForBytes(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private BinaryResponse sendForBytes(HttpRequest.Builder request) {
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
        return new BinaryResponse(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response.headers());
    }

    public Response post(String path, String body) {
        return send(request(path)
                .header("Accept", "application/fhir+json")
                .header("Content-Type", "application/fhir+json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response put(String path, IBaseResource resource) {
        return send(request(path)
                .header("Accept", "application/fhir+json")
                .header("Content-Type", "application/fhir+json; charset=UTF-8")
                .header("Prefer", "return=representation")
                .PUT(HttpRequest.BodyPublishers.ofString(json(resource))));
    }

    public Response delete(String path) {
        return send(request(path).header("Accept", "application/fhir+json").DELETE());
    }

    public Response post(String path, IBaseResource resource) {
        return post(path, json(resource));
    }

    public Response postJson(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Raw bytes of the given content type, e.g. a file upload as the request body. */
    public Response postBytes(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public static String json(IBaseResource resource) {
        return FHIR.newJsonParser().encodeResourceToString(resource);
    }

    private HttpRequest.Builder request(String path) {
        // '|' separates system and code in FHIR token searches; java.net.URI wants it encoded.
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path.replace("|", "%7C")))
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (purpose != null) {
            builder.header("X-Purpose-Of-Use", purpose);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request.build(), handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static SSLContext trusting(Path caCertificate) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(caCertificate), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TrustManager[] trustManagers(Path caCertificate) {
        try (InputStream in = Files.newInputStream(caCertificate)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("hub-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            return factory.getTrustManagers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
