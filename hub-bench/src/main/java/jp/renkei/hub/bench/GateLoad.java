package jp.renkei.hub.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import ca.uhn.fhir.context.FhirContext;
import jp.renkei.hub.app.demo.DemoDataLoader;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.demo.DemoSharing;
import jp.renkei.hub.bench.FhirLoadClient.TimedResponse;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/**
 * What the consent gate costs: the same patient query by the data's own facility (the demo hospital's gateway;
 * every resource is its own, so the gate permits trivially) and by another facility under consent (the demo
 * clinic's gateway; every resource needs a consent decision), for the consented demo patients, addressed by
 * event number. The two run alternately in random order, so that both see the same caches and load. Each
 * gated answer must hold exactly the resources of the own-facility answer: a gate that hid data would be
 * faster and wrong.
 */
public final class GateLoad {

    /** Latencies of one query shape, own facility vs gated, and what went wrong. */
    public record GateResult(String query, int patients, LatencyStats own, LatencyStats gated, List<String> failures) {

        public double ratioP50() {
            return gated.p50Ms() / own.p50Ms();
        }

        public double ratioP95() {
            return gated.p95Ms() / own.p95Ms();
        }
    }

    private static final Set<String> PER_REQUEST = Set.of("Composition", "OperationOutcome");

    private final FhirLoadClient ownFacility;
    private final FhirLoadClient otherFacility;
    private final FhirContext fhir;
    private final Random random;

    public GateLoad(FhirLoadClient ownFacility, FhirLoadClient otherFacility, FhirContext fhir, Random random) {
        this.ownFacility = ownFacility;
        this.otherFacility = otherFacility;
        this.fhir = fhir;
        this.random = random;
    }

    /** Event numbers of the consented demo network patients among the first {@code networkPatients}. */
    public List<String> consentedEventNumbers(int networkPatients) throws IOException, InterruptedException {
        String system = JpCoreSystems.facilityPatientIdSystem(DemoFacility.HOSPITAL.code());
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < networkPatients; i++) {
            DemoDataLoader.DemoPatient patient = DemoDataLoader.networkPatient(i);
            if (!DemoSharing.consents(i)) {
                continue;
            }
            TimedResponse response = ownFacility.get("Patient?identifier="
                    + URLEncoder.encode(system + "|" + patient.localId(), StandardCharsets.UTF_8));
            eventNumberIn(response).ifPresent(numbers::add);
        }
        return numbers;
    }

    /** Runs {@code template} (with {@code %s} for the event number) {@code searches} times for each side. */
    public GateResult run(String template, List<String> eventNumbers, int warmup, int searches)
            throws InterruptedException {
        List<String> failures = new ArrayList<>();
        if (eventNumbers.isEmpty()) {
            failures.add("no consented demo patients with an event number");
            LatencyStats none = new LatencyStats(0, 0, 0, 0, 0);
            return new GateResult(template, 0, none, none, failures);
        }
        for (int i = 0; i < warmup; i++) {
            pair(template, pick(eventNumbers), new long[1], new long[1], new ArrayList<>(), 0);
        }
        long[] own = new long[searches];
        long[] gated = new long[searches];
        for (int i = 0; i < searches; i++) {
            pair(template, pick(eventNumbers), own, gated, failures, i);
        }
        return new GateResult(template, eventNumbers.size(), LatencyStats.ofNanos(own), LatencyStats.ofNanos(gated),
                failures);
    }

    private void pair(String template, String eventNumber, long[] own, long[] gated, List<String> failures, int i)
            throws InterruptedException {
        String query = String.format(template, URLEncoder.encode(eventNumber, StandardCharsets.UTF_8));
        boolean ownFirst = random.nextBoolean();
        TimedResponse first = fetch(ownFirst ? ownFacility : otherFacility, query, failures);
        TimedResponse second = fetch(ownFirst ? otherFacility : ownFacility, query, failures);
        if (first == null || second == null) {
            return;
        }
        TimedResponse ownResponse = ownFirst ? first : second;
        TimedResponse gatedResponse = ownFirst ? second : first;
        own[i] = ownResponse.nanos();
        gated[i] = gatedResponse.nanos();
        Set<String> ownIds = ids(ownResponse);
        Set<String> gatedIds = ids(gatedResponse);
        if (ownIds.isEmpty()) {
            failures.add(query + ": the own facility got no resources");
        } else if (!ownIds.equals(gatedIds)) {
            failures.add(query + ": gated answer differs (" + gatedIds.size() + " vs " + ownIds.size() + " resources)");
        }
    }

    private static TimedResponse fetch(FhirLoadClient client, String query, List<String> failures)
            throws InterruptedException {
        try {
            TimedResponse response = client.get(query);
            if (response.status() != 200) {
                failures.add(query + ": HTTP " + response.status() + " " + TransactionLoad.abbreviate(response.body()));
                return null;
            }
            return response;
        } catch (IOException e) {
            failures.add(query + ": " + e);
            return null;
        }
    }

    /** The patient data in an answer: a document's Composition and notes are made per request, so not compared. */
    private Set<String> ids(TimedResponse response) {
        Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, response.body());
        Set<String> ids = new TreeSet<>();
        bundle.getEntry().stream()
                .filter(entry -> entry.hasResource() && !PER_REQUEST.contains(entry.getResource().fhirType()))
                .forEach(entry -> ids.add(entry.getResource().getIdElement().toUnqualifiedVersionless().getValue()));
        return ids;
    }

    private Optional<String> eventNumberIn(TimedResponse response) {
        if (response.status() != 200) {
            return Optional.empty();
        }
        Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, response.body());
        return bundle.getEntry().stream()
                .map(entry -> (Patient) entry.getResource())
                .flatMap(patient -> patient.getIdentifier().stream())
                .filter(identifier -> HubSystems.EVENT_NUMBER.equals(identifier.getSystem()))
                .map(Identifier::getValue)
                .findFirst();
    }

    private String pick(List<String> eventNumbers) {
        return eventNumbers.get(random.nextInt(eventNumbers.size()));
    }
}
