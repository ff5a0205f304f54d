package jp.renkei.hub.fhir.consent.rules;

import java.util.List;
import java.util.Optional;

import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.fhir.consent.DataCategories;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import org.hl7.fhir.r4.model.Resource;

/**
 * The consent decision, last: patient data is shown when the registry permits its category for the requester
 * and every source it came from; the Patient (identity) when any one category is permitted for all its sources.
 * Without a patient (by event number) there is nobody whose consent could open it: denied.
 */
public final class CategoryConsent implements GateRule {

    private final DataCategories categories;

    public CategoryConsent(DataCategories categories) {
        this.categories = categories;
    }

    @Override
    public Verdict decide(Resource resource, GateContext context) {
        Optional<EventNumber> patient = context.patientOf(resource);
        if (patient.isEmpty()) {
            return Verdict.DENY;
        }
        List<String> sources = SourceFacilityStamp.sourcesOf(resource);
        if (categories.of(resource.fhirType()) instanceof DataCategories.PatientData data) {
            return allPermitted(context, patient.get(), data.category(), sources) ? Verdict.PERMIT : Verdict.DENY;
        }
        for (ConsentCategory category : ConsentCategory.values()) {
            if (allPermitted(context, patient.get(), category, sources)) {
                return Verdict.PERMIT;
            }
        }
        return Verdict.DENY;
    }

    private static boolean allPermitted(GateContext context, EventNumber patient, ConsentCategory category,
                                        List<String> sources) {
        return !sources.isEmpty() && sources.stream()
                .allMatch(source -> source.equals(context.requesterFacility())
                        || context.permitted(patient, category, source));
    }
}
