package jp.renkei.hub.core.monitoring;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The hub's own meters, named and tagged in one place. Every tag value is from a small fixed set (an enum, an
 * HTTP method, a DIMSE command, a status class): never a patient, event number, facility or message identifier,
 * so the number of series stays bounded and a scrape reveals no one's data.
 */
@Component
public class HubMeters {

    /** Requests per interface, operation and outcome; Prometheus {@code renkei_interface_requests_seconds_*}. */
    public static final String REQUESTS = "renkei.interface.requests";
    /** Inputs per ingest channel and outcome; Prometheus {@code renkei_ingest_inputs_total}. */
    public static final String INGEST = "renkei.ingest.inputs";
    /** Audited consent decisions; Prometheus {@code renkei_consent_decisions_total}. */
    public static final String CONSENT = "renkei.consent.decisions";
    /** One batch written into the audit hash chain; Prometheus {@code renkei_audit_append_seconds_*}. */
    public static final String AUDIT_APPEND = "renkei.audit.append";

    /** Latency buckets (Prometheus {@code le}) from 5 ms to 30 s: a few series each, enough for quantiles. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30)};

    private final MeterRegistry registry;

    /** Without Spring Boot's actuator (module tests) the meters are kept in memory only. */
    @Autowired
    public HubMeters(ObjectProvider<MeterRegistry> registry) {
        this(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    public HubMeters(MeterRegistry registry) {
        this.registry = registry;
        // every channel and outcome from the start, at 0: a dashboard or alert sees "none yet", not "no data"
        for (IngestChannel channel : IngestChannel.values()) {
            for (IngestOutcome outcome : IngestOutcome.values()) {
                ingestCounter(channel, outcome);
            }
        }
    }

    /**
     * One request on an interface took {@code nanos}.
     *
     * @param operation a bounded name: HTTP method, DIMSE command (C-STORE …), HL7 message type
     * @param outcome   a bounded result: HTTP status class (2xx …), HL7 acknowledgement code, DIMSE result
     */
    public void request(HubInterface hubInterface, String operation, String outcome, long nanos) {
        Timer.builder(REQUESTS)
                .description("Requests handled by the hub, per interface, operation and outcome")
                .tag("interface", hubInterface.tag())
                .tag("operation", operation)
                .tag("outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One input on a channel ended as {@code outcome}. */
    public void ingest(IngestChannel channel, IngestOutcome outcome) {
        ingestCounter(channel, outcome).increment();
    }

    private Counter ingestCounter(IngestChannel channel, IngestOutcome outcome) {
        return Counter.builder(INGEST)
                .description("Inputs received per ingest channel, by outcome")
                .tag("channel", channel.tag())
                .tag("outcome", outcome.tag())
                .register(registry);
    }

    /**
     * One audited consent decision.
     *
     * @param effect   permit or deny
     * @param basis    why (own data, consent, break-glass, no consent, withdrawn …), an enum's name
     * @param category the consent category asked for (CLINICAL, IMAGING …)
     */
    public void consentDecision(String effect, String basis, String category) {
        Counter.builder(CONSENT)
                .description("Consent decisions of the gate, by effect, basis and category")
                .tag("effect", effect)
                .tag("basis", basis)
                .tag("category", category)
                .register(registry)
                .increment();
    }

    /** Writing one batch of audit events into the hash chain took {@code nanos}. */
    public void auditAppend(long nanos) {
        Timer.builder(AUDIT_APPEND)
                .description("Time to write one batch of audit events into the hash chain (one transaction)")
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The registry the meters go to (gauges of the modules register there too). */
    public MeterRegistry registry() {
        return registry;
    }
}
