package jp.renkei.hub.consent;

import java.time.Instant;

import jp.renkei.hub.core.web.ApiException;

/**
 * When a consent applies: from {@code start} (inclusive) until {@code end} (exclusive), or open-ended.
 */
public record ValidityPeriod(Instant start, Instant end) {

    public ValidityPeriod {
        if (start == null) {
            throw ApiException.invalid("validFrom", "is required");
        }
        if (end != null && !end.isAfter(start)) {
            throw ApiException.invalid("validUntil", "must be after validFrom (" + start + "); got " + end);
        }
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start) && (end == null || at.isBefore(end));
    }

    public boolean endedBy(Instant at) {
        return end != null && !at.isBefore(end);
    }

    public boolean overlaps(ValidityPeriod other) {
        boolean thisStartsBeforeOtherEnds = other.end == null || start.isBefore(other.end);
        boolean otherStartsBeforeThisEnds = end == null || other.start.isBefore(end);
        return thisStartsBeforeOtherEnds && otherStartsBeforeThisEnds;
    }

    @Override
    public String toString() {
        return start + " – " + (end == null ? "open-ended" : end);
    }
}
