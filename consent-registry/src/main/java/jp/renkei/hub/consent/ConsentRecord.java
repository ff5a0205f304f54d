package jp.renkei.hub.consent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.renkei.hub.core.patient.EventNumber;

/** A patient's consent for one category with all its versions, oldest first. */
public record ConsentRecord(UUID id, EventNumber eventNumber, ConsentCategory category,
                            List<ConsentVersion> versions) {

    public ConsentRecord {
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a consent has at least its first version");
        }
    }

    public ConsentVersion current() {
        return versions.get(versions.size() - 1);
    }

    public ConsentTerms terms() {
        return current().terms();
    }

    /** ACTIVE, WITHDRAWN or EXPIRED at {@code at}; a consent whose period has not started yet is ACTIVE. */
    public ConsentStatus statusAt(Instant at) {
        ConsentStatus stored = current().storedStatus();
        if (stored == ConsentStatus.ACTIVE && terms().period().endedBy(at)) {
            return ConsentStatus.EXPIRED;
        }
        return stored;
    }

    /** How a version reads now: any but the latest is SUPERSEDED. */
    public ConsentStatus statusOf(ConsentVersion version, Instant at) {
        return version.version() == current().version() ? statusAt(at) : ConsentStatus.SUPERSEDED;
    }

    /** ACTIVE and within its period at {@code at}. */
    public boolean inForceAt(Instant at) {
        return statusAt(at) == ConsentStatus.ACTIVE && terms().period().contains(at);
    }
}
