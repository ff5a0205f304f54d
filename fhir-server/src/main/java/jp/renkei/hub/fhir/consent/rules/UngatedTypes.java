package jp.renkei.hub.fhir.consent.rules;

import jp.renkei.hub.fhir.consent.DataCategories;
import org.hl7.fhir.r4.model.Resource;

/** Types that are not patient data (directory, conformance) are seen by everyone ({@link DataCategories}). */
public final class UngatedTypes implements GateRule {

    private final DataCategories categories;

    public UngatedTypes(DataCategories categories) {
        this.categories = categories;
    }

    @Override
    public Verdict decide(Resource resource, GateContext context) {
        return categories.of(resource.fhirType()) instanceof DataCategories.NotGated ? Verdict.PERMIT : Verdict.PASS;
    }
}
