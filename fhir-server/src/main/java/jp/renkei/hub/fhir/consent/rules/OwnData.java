package jp.renkei.hub.fhir.consent.rules;

import java.util.List;

import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import org.hl7.fhir.r4.model.Resource;

/**
 * A facility always sees its own data: every source-facility tag names the requester. Patient data without a
 * source is nobody's to show (fails closed); data with another source goes on to the consent decision.
 */
public final class OwnData implements GateRule {

    @Override
    public Verdict decide(Resource resource, GateContext context) {
        List<String> sources = SourceFacilityStamp.sourcesOf(resource);
        if (sources.isEmpty()) {
            return Verdict.DENY;
        }
        return sources.stream().allMatch(context.requesterFacility()::equals) ? Verdict.PERMIT : Verdict.PASS;
    }
}
