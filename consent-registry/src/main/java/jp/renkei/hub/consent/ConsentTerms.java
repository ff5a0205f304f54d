package jp.renkei.hub.consent;

/**
 * What the patient agreed to, as recorded or amended.
 *
 * @param grantees the facilities that may see the data
 * @param sources  the facilities whose data may be seen
 */
public record ConsentTerms(FacilityScope grantees, FacilityScope sources, ValidityPeriod period,
                           ObtainedVia obtainedVia) {
}
