package jp.renkei.hub.consent;

import java.time.Instant;

/**
 * One immutable version of a consent.
 *
 * @param storedStatus        ACTIVE or WITHDRAWN: the state this version put the consent in
 * @param obtainingFacilityId the facility that obtained the consent (or recorded this change)
 * @param obtainedBy          the person who obtained it (or recorded this change)
 * @param form                the scanned form kept with this version, or null
 * @param reason              why it was amended or withdrawn; null when recorded
 */
public record ConsentVersion(int version, ConsentChange change, ConsentStatus storedStatus, ConsentTerms terms,
                             String obtainingFacilityId, String obtainedBy, FormSummary form, String reason,
                             Instant changedAt) {
}
