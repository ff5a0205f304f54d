package jp.renkei.hub.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ca.uhn.fhir.context.FhirContext;
import jp.renkei.hub.bench.FhirLoadClient.TimedResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Observation;

/**
 * The typical read of a clinician's viewer: a patient's lab results, newest first
 * ({@code Observation?patient=<id>&_sort=-date}), for patients picked at random from those loaded.
 * Searches run one at a time; each response is checked outside its timed interval.
 */
public final class SearchLoad {

    /** Latency of the measured searches and what went wrong, if anything. */
    public record SearchResult(int searches, LatencyStats latency, List<String> failures, long[] latencyNanos) {

        /** Several series of one server taken as one: percentiles over all their latencies together. */
        public static SearchResult combine(List<SearchResult> series) {
            int searches = 0;
            List<String> failures = new ArrayList<>();
            List<Long> nanos = new ArrayList<>();
            for (SearchResult result : series) {
                searches += result.searches();
                failures.addAll(result.failures());
                for (long n : result.latencyNanos()) {
                    nanos.add(n);
                }
            }
            long[] all = nanos.stream().mapToLong(Long::longValue).toArray();
            return new SearchResult(searches, LatencyStats.ofNanosOrEmpty(all), failures, all);
        }
    }

    private final FhirLoadClient client;
    private final FhirContext fhir;
    private final Random random;

    public SearchLoad(FhirLoadClient client, FhirContext fhir, Random random) {
        this.client = client;
        this.fhir = fhir;
        this.random = random;
    }

    public SearchResult run(List<String> patientIds, int warmup, int searches, int expectedObservations)
            throws InterruptedException {
        if (patientIds.isEmpty()) {
            return new SearchResult(0, LatencyStats.ofNanosOrEmpty(new long[0]), List.of("no patients were loaded"),
                    new long[0]);
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < warmup; i++) {
            search(pick(patientIds), expectedObservations, failures);
        }
        failures.clear(); // a failing warm-up search fails again below, where it counts
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < searches; i++) {
            Long nanos = search(pick(patientIds), expectedObservations, failures);
            if (nanos != null) {
                latencies.add(nanos);
            }
        }
        long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
        return new SearchResult(searches, LatencyStats.ofNanosOrEmpty(nanos), failures, nanos);
    }

    /** The search's latency, or null if it got no answer; a wrong answer is recorded as a failure. */
    private Long search(String patientId, int expectedObservations, List<String> failures)
            throws InterruptedException {
        String query = "Observation?patient=" + URLEncoder.encode(patientId, StandardCharsets.UTF_8) + "&_sort=-date";
        TimedResponse response;
        try {
            response = client.get(query);
        } catch (java.io.IOException e) {
            failures.add(query + ": " + e);
            return null;
        }
        String problem = check(patientId, response, expectedObservations);
        if (problem != null) {
            failures.add(query + ": " + problem);
        }
        return response.nanos();
    }

    private String check(String patientId, TimedResponse response, int expectedObservations) {
        if (response.status() != 200) {
            return "HTTP " + response.status() + " " + TransactionLoad.abbreviate(response.body());
        }
        Bundle bundle;
        try {
            bundle = fhir.newJsonParser().parseResource(Bundle.class, response.body());
        } catch (RuntimeException e) {
            return "unparseable response: " + e.getMessage();
        }
        if (bundle.getType() != Bundle.BundleType.SEARCHSET) {
            return "response is a " + bundle.getType() + " Bundle, not a searchset";
        }
        if (bundle.getEntry().size() != expectedObservations) {
            return bundle.getEntry().size() + " entries, expected " + expectedObservations;
        }
        for (BundleEntryComponent entry : bundle.getEntry()) {
            if (!(entry.getResource() instanceof Observation observation)
                    || !("Patient/" + patientId).equals(observation.getSubject().getReference())) {
                return "an entry that is not an Observation of Patient/" + patientId;
            }
        }
        return null;
    }

    private String pick(List<String> patientIds) {
        return patientIds.get(random.nextInt(patientIds.size()));
    }
}
