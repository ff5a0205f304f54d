package jp.renkei.hub.app.support;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser for the portal tests, over real HTTPS: keeps cookies as a browser would (Set-Cookie in,
 * Cookie out; {@code Max-Age=0} removes), follows no redirect by itself, and reads the CSRF token of the last
 * page's form.
 */
public final class PortalBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** One answer: status, headers and the body as text. */
    public record Page(int status, java.net.http.HttpHeaders headers, String body) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The Set-Cookie header that sets or clears {@code name}. */
        public Optional<String> setCookie(String name) {
            return headers.allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).reduce((a, b) -> b);
        }

        /** The CSRF token of the page's (first) form. */
        public String csrfToken() {
            Matcher matcher = CSRF.matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("no CSRF token in the page:\n" + body);
            }
            return matcher.group(1);
        }

        /** The value of a hidden form field. */
        public String field(String name) {
            Matcher matcher = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("no field " + name + " in the page:\n" + body);
            }
            return matcher.group(1);
        }
    }

    private final HttpClient client;
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    private PortalBrowser(HttpClient client, String base) {
        this.client = client;
        this.base = base;
    }

    public static PortalBrowser forHub(int port, Path home) {
        return new PortalBrowser(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(FhirHttp.trusting(home.resolve("pki/ca.crt"))).build(), "https://localhost:" + port);
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    /** Sets a cookie by hand (e.g. an old session cookie after logout). */
    public void cookie(String name, String value) {
        cookies.put(name, value);
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A GET with request headers as name/value pairs, e.g. {@code "HX-Request", "true"} as htmx sends it. */
    public Page get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** An answer's raw bytes (images), with status and headers. */
    public record Bytes(int status, java.net.http.HttpHeaders headers, byte[] body) {
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    /** GETs {@code path} as bytes (an image, say), sending the cookies; cookies set by the answer are not kept. */
    public Bytes getBytes(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A form POST ({@code application/x-www-form-urlencoded}) of {@code fields}, in order. */
    public Page post(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A POST of a body already encoded (e.g. {@code multipart/form-data} with a file). */
    public Page post(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A multipart form POST: the text {@code fields}, then one file part {@code fileField}. */
    public Page postMultipart(String path, Map<String, String> fields, String fileField, String fileName, byte[] file) {
        String boundary = "----renkei" + java.util.UUID.randomUUID().toString().replace("-", "");
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.util.function.Consumer<String> text = t -> body.writeBytes(t.getBytes(StandardCharsets.UTF_8));
        fields.forEach((name, value) -> text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(file);
        text.accept("\r\n--" + boundary + "--\r\n");
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** GETs where {@code page} redirects to. */
    public Page follow(Page page) {
        String location = page.header("Location").orElseThrow(() -> new AssertionError("no redirect: " + page.status()));
        return get(location.startsWith("http") ? URI.create(location).getRawPath()
                + (URI.create(location).getRawQuery() == null ? "" : "?" + URI.create(location).getRawQuery()) : location);
    }

    private Page send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            for (String set : response.headers().allValues("Set-Cookie")) {
                List<String> parts = List.of(set.split(";"));
                String[] pair = parts.get(0).split("=", 2);
                boolean removed = parts.stream().anyMatch(p -> p.trim().equalsIgnoreCase("Max-Age=0"))
                        || pair.length < 2 || pair[1].isEmpty();
                if (removed) {
                    cookies.remove(pair[0].trim());
                } else {
                    cookies.put(pair[0].trim(), pair[1]);
                }
            }
            return new Page(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
