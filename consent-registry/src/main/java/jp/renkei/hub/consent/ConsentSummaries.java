package jp.renkei.hub.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.card.ConsentSummary;
import jp.renkei.hub.core.patient.card.ConsentSummaryProvider;
import org.springframework.stereotype.Component;

/**
 * The consent line shown when a patient's IC card is read: ACTIVE with the categories in force now;
 * WITHDRAWN when nothing is in force and the patient withdrew a consent; NONE otherwise (never recorded, or
 * only expired or not yet started).
 */
@Component
public class ConsentSummaries implements ConsentSummaryProvider {

    public static final String ACTIVE = "ACTIVE";
    public static final String WITHDRAWN = "WITHDRAWN";
    public static final String NONE = "NONE";

    private final ConsentRegistry registry;
    private final Clock clock;

    ConsentSummaries(ConsentRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public ConsentSummary summaryFor(EventNumber number) {
        Instant now = clock.instant();
        List<ConsentRecord> consents = registry.consentsOf(number);
        List<String> inForce = consents.stream().filter(c -> c.inForceAt(now))
                .map(c -> c.category().name()).distinct().sorted().toList();
        if (!inForce.isEmpty()) {
            return new ConsentSummary(ACTIVE, inForce);
        }
        boolean withdrawn = consents.stream().anyMatch(c -> c.statusAt(now) == ConsentStatus.WITHDRAWN);
        return new ConsentSummary(withdrawn ? WITHDRAWN : NONE, List.of());
    }
}
