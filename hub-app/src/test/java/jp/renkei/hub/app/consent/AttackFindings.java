package jp.renkei.hub.app.consent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import jp.renkei.hub.app.support.RawHubHttp.Exchange;
import org.junit.jupiter.api.Assertions;

/**
 * What an attack class found: every difference between answers that must be the same, and every protection
 * that did not hold, collected so that one failure lists everything still open. The core is
 * {@link #same}: two answers of the hub (e.g. about a hidden resource and about one that does not exist) are
 * compared after the IDs they were asked about are replaced by one placeholder and only what must vary is
 * normalised: the IDs of OperationOutcomes and Bundles, {@code meta.lastUpdated}, Bundle timestamps, search
 * (page) IDs in links, instants, and the IDs of resources the requests created.
 */
final class AttackFindings {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INSTANT = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern PAGE_ID = Pattern.compile("(_getpages=)[^&\"\\s]+");
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    /** Random per answer: document and entry UUIDs, the IDs of returned Bundles, timings. */
    private static final Map<Pattern, String> VOLATILE = Map.of(
            Pattern.compile("urn:uuid:" + UUID), "urn:uuid:{UUID}",
            Pattern.compile("/Bundle/" + UUID), "/Bundle/{UUID}",
            Pattern.compile("Took \\d+ ?ms"), "Took {N}ms",
            // match URLs quoted in messages are percent-encoded: decode what separates the IDs in them
            Pattern.compile("(?i)%7C"), "|",
            Pattern.compile("(?i)%2F"), "/",
            Pattern.compile("(?i)%2C"), ",");
    private static final Pattern CREATED = Pattern.compile("[A-Z][A-Za-z]+/([A-Za-z0-9\\-.]{1,64})/_history/");
    private static final Pattern ENTRY_LOCATION = Pattern.compile(
            "\"location\"\\s*:\\s*\"[A-Z][A-Za-z]+/([A-Za-z0-9\\-.]{1,64})/_history/");
    /** Headers whose values must be the same (after normalisation). */
    private static final List<String> SAME_VALUE = List.of("ETag", "Location", "Content-Location");
    /** Headers that must be present in both answers or in neither. */
    private static final List<String> SAME_PRESENCE = List.of("Last-Modified");

    private final String title;
    private final List<String> findings = new ArrayList<>();

    AttackFindings(String title) {
        this.title = title;
    }

    /** One side of a comparison: an answer and the IDs in it that stand for the placeholders. */
    record Side(String label, Exchange exchange, Map<String, String> ids) {
    }

    static Side side(String label, Exchange exchange, String... idAndPlaceholder) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (int i = 0; i + 1 < idAndPlaceholder.length; i += 2) {
            ids.put(idAndPlaceholder[i], idAndPlaceholder[i + 1]);
        }
        return new Side(label, exchange, ids);
    }

    /** Both answers must be the same once normalised: status, body and the security-relevant headers. */
    void same(String vector, Side hidden, Side absent) {
        Normalised a = normalise(hidden);
        Normalised b = normalise(absent);
        List<String> differences = new ArrayList<>();
        if (a.status != b.status) {
            differences.add("status " + a.status + " vs " + b.status);
        }
        a.headers.forEach((header, value) -> {
            String other = b.headers.get(header);
            if (!value.equals(other)) {
                differences.add("header " + header + ": " + value + " vs " + other);
            }
        });
        if (!a.body.equals(b.body)) {
            differences.add("body: " + firstDifference(a.body, b.body));
        }
        if (!differences.isEmpty()) {
            findings.add(vector + " [" + hidden.label + " vs " + absent.label + "]: " + String.join("; ", differences)
                    + "\n      " + hidden.label + ": " + hidden.exchange.brief()
                    + "\n      " + absent.label + ": " + absent.exchange.brief());
        }
    }

    /** The answer must refuse (4xx): the request did not go through, and did not break the server either. */
    void refused(String vector, Exchange exchange) {
        if (exchange.status() < 400 || exchange.status() >= 500) {
            findings.add(vector + ": must be refused with 4xx, got " + exchange.brief());
        }
    }

    /** The answer must be a success (2xx): a positive control. */
    void succeeded(String vector, Exchange exchange) {
        if (!exchange.success()) {
            findings.add(vector + " (positive control): must succeed, got " + exchange.brief());
        }
    }

    /** A protection that must hold. */
    void check(boolean holds, String finding) {
        if (!holds) {
            findings.add(finding);
        }
    }

    /** Fails with every finding of the class, one per line; also written to target/fhir-attack-suite. */
    void assertNone() {
        if (findings.isEmpty()) {
            return;
        }
        String report = title + ": " + findings.size() + " finding(s)\n  - " + String.join("\n  - ", findings);
        try {
            Path directory = Path.of("target/fhir-attack-suite");
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(title.replaceAll("[^A-Za-z0-9]+", "_") + ".txt"), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Assertions.fail(report);
    }

    // ---- normalisation ----

    private record Normalised(int status, String body, Map<String, String> headers) {
    }

    private static Normalised normalise(Side side) {
        Exchange exchange = side.exchange;
        Map<String, String> replacements = new LinkedHashMap<>(side.ids);
        for (String created : createdIds(exchange)) {
            replacements.putIfAbsent(created, "{NEW}");
        }
        Map<String, String> headers = new TreeMap<>();
        for (String header : SAME_VALUE) {
            headers.put(header, exchange.header(header).map(v -> replace(decoded(v), replacements)).orElse("<none>"));
        }
        for (String header : SAME_PRESENCE) {
            headers.put(header, exchange.header(header).isPresent() ? "<present>" : "<none>");
        }
        headers.put("Content-Type", exchange.header("Content-Type").map(v -> v.replaceAll(";.*", "").trim())
                .orElse("<none>"));
        return new Normalised(exchange.status(), replace(structural(exchange.body()), replacements), headers);
    }

    /** IDs of resources the request created: from Location headers and transaction entries' locations. */
    private static Set<String> createdIds(Exchange exchange) {
        Set<String> ids = new LinkedHashSet<>();
        for (String header : List.of("Location", "Content-Location")) {
            exchange.header(header).ifPresent(value -> {
                Matcher m = CREATED.matcher(value);
                if (m.find()) {
                    ids.add(m.group(1));
                }
            });
        }
        Matcher entries = ENTRY_LOCATION.matcher(exchange.body());
        while (entries.find()) {
            ids.add(entries.group(1));
        }
        return ids;
    }

    /** Removes the parts of a FHIR JSON body that vary by themselves; anything else is returned as it is. */
    private static String structural(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException notJson) {
            return body;
        }
        if (root == null) {
            return body;
        }
        scrub(root);
        return root.toString();
    }

    private static void scrub(JsonNode node) {
        if (node instanceof ObjectNode object) {
            String type = object.path("resourceType").asText("");
            if (List.of("OperationOutcome", "Bundle", "Parameters").contains(type)) {
                object.remove("id");
            }
            if ("Bundle".equals(type)) {
                object.remove("timestamp");
            }
            if (object.get("meta") instanceof ObjectNode meta) {
                meta.remove("lastUpdated");
                meta.remove("source"); // "#<request ID>", new on every write
            }
            if ("Bundle".equals(type) && object.get("link") instanceof ArrayNode links) {
                for (JsonNode link : links) {
                    if (link instanceof ObjectNode l && l.has("url")) {
                        l.set("url", TextNode.valueOf(decoded(l.get("url").asText())));
                    }
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                scrub(field.getValue());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(AttackFindings::scrub);
        }
    }

    private static String replace(String text, Map<String, String> replacements) {
        // instants first: an ID must not be found inside a time of day
        String result = PAGE_ID.matcher(INSTANT.matcher(text).replaceAll("{INSTANT}")).replaceAll("$1{PAGE}");
        for (Map.Entry<Pattern, String> random : VOLATILE.entrySet()) { // no order needed: they do not overlap
            result = random.getKey().matcher(result).replaceAll(Matcher.quoteReplacement(random.getValue()));
        }
        List<Map.Entry<String, String>> longestFirst = new ArrayList<>(replacements.entrySet());
        longestFirst.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        for (Map.Entry<String, String> entry : longestFirst) {
            result = Pattern.compile("(?<![A-Za-z0-9\\-])" + Pattern.quote(entry.getKey()) + "(?![A-Za-z0-9\\-])")
                    .matcher(result).replaceAll(Matcher.quoteReplacement(entry.getValue()));
        }
        return result;
    }

    /** A URL as the hub wrote it, percent-decoded, so that the IDs in its query are found. */
    private static String decoded(String url) {
        try {
            return java.net.URLDecoder.decode(url, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return url;
        }
    }

    private static String firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 60);
        return "at " + i + ": «…" + a.substring(from, Math.min(a.length(), i + 120)) + "» vs «…"
                + b.substring(from, Math.min(b.length(), i + 120)) + "»";
    }
}
