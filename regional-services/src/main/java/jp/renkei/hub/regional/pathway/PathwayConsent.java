package jp.renkei.hub.regional.pathway;

import java.util.Optional;
import java.util.Set;
import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.access.AccessDecider;
import jp.renkei.hub.consent.access.AccessRequest;
import jp.renkei.hub.consent.access.Decision;
import jp.renkei.hub.consent.access.DecisionBasis;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.Requester;
import org.springframework.stereotype.Component;

/**
 * Whether the patient's consent lets two facilities share the pathway: a pathway is cross-facility sharing of
 * clinical data both ways (the owner's plan to the participants, their sheets to the owner), so it asks the
 * consent registry's own decision (CLINICAL, grantee and source) for each direction. Emergency access does not
 * count: a pathway is planned care, not an emergency.
 */
@Component
class PathwayConsent {

    private final AccessDecider decider;

    PathwayConsent(AccessDecider decider) {
        this.decider = decider;
    }

    /** Empty when the consent covers both directions, else the reason it does not. */
    Optional<String> missing(EventNumber patient, String owner, String participant) {
        if (owner.equals(participant)) {
            return Optional.empty();
        }
        return refusal(patient, participant, owner).or(() -> refusal(patient, owner, participant));
    }

    private Optional<String> refusal(EventNumber patient, String grantee, String source) {
        Decision decision = decider.decide(new AccessRequest(Requester.system("pathway-consent-check",
                "pathway consent check", grantee, Set.of()), patient, ConsentCategory.CLINICAL, source));
        return decision.basis() == DecisionBasis.CONSENT ? Optional.empty() : Optional.of(decision.reason());
    }
}
