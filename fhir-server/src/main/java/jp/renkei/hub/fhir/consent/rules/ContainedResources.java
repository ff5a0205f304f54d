package jp.renkei.hub.fhir.consent.rules;

import org.hl7.fhir.r4.model.Resource;

/**
 * A resource contained in another is part of it: the container's decision governs. Every resource the store
 * hands out has an ID with its type ({@code Observation/1/_history/2}); a contained one has only its local ID
 * ({@code #specimen}), or none.
 */
public final class ContainedResources implements GateRule {

    @Override
    public Verdict decide(Resource resource, GateContext context) {
        String id = resource.getIdElement().getValue();
        boolean contained = id == null || id.isEmpty() || id.startsWith("#") || !resource.getIdElement().hasResourceType();
        return contained ? Verdict.PERMIT : Verdict.PASS;
    }
}
