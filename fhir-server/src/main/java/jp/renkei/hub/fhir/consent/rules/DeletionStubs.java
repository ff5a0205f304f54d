package jp.renkei.hub.fhir.consent.rules;

import jp.renkei.hub.fhir.consent.DeletedVersions;
import org.hl7.fhir.r4.model.Resource;

/**
 * A deletion (in a history, or a deleted instance) is shown to whoever may see the version before it, and
 * hidden like that version otherwise; a deletion with no readable version before it is hidden.
 */
public final class DeletionStubs implements GateRule {

    private final DeletedVersions versions;

    public DeletionStubs(DeletedVersions versions) {
        this.versions = versions;
    }

    @Override
    public Verdict decide(Resource resource, GateContext context) {
        if (!DeletedVersions.isDeleted(resource)) {
            return Verdict.PASS;
        }
        return versions.before(resource).map(context::visible).orElse(false) ? Verdict.PERMIT : Verdict.DENY;
    }
}
