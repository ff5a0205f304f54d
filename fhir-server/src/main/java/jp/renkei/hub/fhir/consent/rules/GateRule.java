package jp.renkei.hub.fhir.consent.rules;

import org.hl7.fhir.r4.model.Resource;

/** One step of the gate's decision about one resource; {@link Verdict#PASS} hands it to the next rule. */
@FunctionalInterface
public interface GateRule {

    enum Verdict { PERMIT, DENY, PASS }

    Verdict decide(Resource resource, GateContext context);
}
