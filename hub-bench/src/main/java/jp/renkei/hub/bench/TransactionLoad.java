package jp.renkei.hub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import ca.uhn.fhir.context.FhirContext;
import jp.renkei.hub.bench.FhirLoadClient.TimedResponse;
import jp.renkei.hub.bench.SyntheticBundles.PreparedBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.IdType;

/**
 * One write phase: posts prepared patient transactions from a number of client threads and times them.
 * Responses are only checked after the phase ends, so parsing them does not steal CPU from the hub while
 * it is being measured.
 */
public final class TransactionLoad {

    /** The outcome of a phase; {@code failures} describes every bundle that did not fully succeed. */
    public record PhaseResult(String name, int threads, int bundles, long resources, long elapsedNanos,
                              LatencyStats latency, List<String> failures, List<String> patientIds,
                              long[] latencyNanos) {

        /**
         * Several phases of one server taken as one (the two halves of an ABBA schedule): counts and wall times
         * add up, percentiles come from all the phases' latencies together, patients in phase order.
         */
        public static PhaseResult combine(String name, List<PhaseResult> phases) {
            int bundles = 0;
            long resources = 0;
            long elapsed = 0;
            List<String> failures = new ArrayList<>();
            List<String> patientIds = new ArrayList<>();
            List<Long> nanos = new ArrayList<>();
            for (PhaseResult phase : phases) {
                bundles += phase.bundles();
                resources += phase.resources();
                elapsed += phase.elapsedNanos();
                failures.addAll(phase.failures());
                patientIds.addAll(phase.patientIds());
                for (long n : phase.latencyNanos()) {
                    nanos.add(n);
                }
            }
            long[] all = nanos.stream().mapToLong(Long::longValue).toArray();
            return new PhaseResult(name, phases.isEmpty() ? 0 : phases.get(0).threads(), bundles, resources, elapsed,
                    LatencyStats.ofNanosOrEmpty(all), failures, patientIds, all);
        }

        public double resourcesPerSecond() {
            return resources / (elapsedNanos / 1e9);
        }

        public double elapsedSeconds() {
            return elapsedNanos / 1e9;
        }
    }

    private final FhirLoadClient client;
    private final FhirContext fhir;

    public TransactionLoad(FhirLoadClient client, FhirContext fhir) {
        this.client = client;
        this.fhir = fhir;
    }

    public PhaseResult run(String name, List<PreparedBundle> bundles, int threads) throws InterruptedException {
        TimedResponse[] responses = new TimedResponse[bundles.size()];
        String[] errors = new String[bundles.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    // Each thread takes the next unsent bundle, so the threads stay busy until the end.
                    for (int i = next.getAndIncrement(); i < bundles.size(); i = next.getAndIncrement()) {
                        try {
                            responses[i] = client.postBundle(bundles.get(i).json());
                        } catch (Exception e) {
                            errors[i] = e.toString();
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        long elapsed = System.nanoTime() - started;
        return summarize(name, threads, bundles, responses, errors, elapsed);
    }

    private PhaseResult summarize(String name, int threads, List<PreparedBundle> bundles, TimedResponse[] responses,
                                  String[] errors, long elapsed) {
        List<String> failures = new ArrayList<>();
        List<String> patientIds = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        long resources = 0;
        for (int i = 0; i < bundles.size(); i++) {
            PreparedBundle bundle = bundles.get(i);
            TimedResponse response = responses[i];
            if (response == null) {
                failures.add(bundle.localId() + ": " + errors[i]);
                continue;
            }
            latencies.add(response.nanos());
            String problem = check(bundle, response, patientIds);
            if (problem != null) {
                failures.add(bundle.localId() + ": " + problem);
            } else {
                resources += bundle.resources();
            }
        }
        long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
        return new PhaseResult(name, threads, bundles.size(), resources, elapsed, LatencyStats.ofNanosOrEmpty(nanos),
                failures, patientIds, nanos);
    }

    /** Null when the hub answered 200 with a transaction-response that created every entry; else why not. */
    private String check(PreparedBundle bundle, TimedResponse response, List<String> patientIds) {
        if (response.status() != 200) {
            return "HTTP " + response.status() + " " + abbreviate(response.body());
        }
        Bundle result;
        try {
            result = fhir.newJsonParser().parseResource(Bundle.class, response.body());
        } catch (RuntimeException e) {
            return "unparseable response: " + e.getMessage();
        }
        if (result.getType() != Bundle.BundleType.TRANSACTIONRESPONSE) {
            return "response is a " + result.getType() + " Bundle, not a transaction-response";
        }
        if (result.getEntry().size() != bundle.resources()) {
            return result.getEntry().size() + " response entries for " + bundle.resources() + " requests";
        }
        String patientId = null;
        for (BundleEntryComponent entry : result.getEntry()) {
            String status = entry.getResponse().getStatus();
            if (status == null || !status.startsWith("201")) {
                return "entry status " + status + " (expected 201 Created)";
            }
            String location = entry.getResponse().getLocation();
            if (location != null && location.startsWith("Patient/")) {
                patientId = new IdType(location).getIdPart();
            }
        }
        if (patientId == null) {
            return "no Patient location in the response";
        }
        patientIds.add(patientId);
        return null;
    }

    static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
