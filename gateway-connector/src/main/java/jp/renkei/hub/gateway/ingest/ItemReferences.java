package jp.renkei.hub.gateway.ingest;

import java.util.Map;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Rewrites what names ingested items inside a resource (contained resources included). */
final class ItemReferences {

    private ItemReferences() {
    }

    /** Points every reference to a key of {@code targets} ({@code Type/id}, any version) at its value. */
    static void repoint(FhirContext fhirContext, Resource resource, Map<String, String> targets) {
        for (Reference reference : fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource,
                Reference.class)) {
            if (reference.hasReference() && !reference.getReference().startsWith("#")) {
                String target = targets.get(new IdType(reference.getReference()).toUnqualifiedVersionless().getValue());
                if (target != null) {
                    reference.setReference(target);
                }
            }
        }
    }

    /** Replaces the item values of {@link IngestIds#SOURCE_RECORD} identifiers by their keyed, stored values. */
    static void sealSourceIdentifiers(FhirContext fhirContext, Resource resource, IngestIds ids) {
        for (Identifier identifier : fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource,
                Identifier.class)) {
            if (IngestIds.SOURCE_RECORD.equals(identifier.getSystem()) && identifier.hasValue()) {
                identifier.setValue(ids.storedSourceValue(identifier.getValue()));
            }
        }
    }
}
