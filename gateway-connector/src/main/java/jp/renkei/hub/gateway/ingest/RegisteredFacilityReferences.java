package jp.renkei.hub.gateway.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Points a record's named facilities at the registry: a contained Organization (the pharmacy or prescribing
 * institution a JAHIS file names) whose medical-institution code is registered is replaced by a logical reference to
 * that registry facility (its {@link HubSystems#FACILITY} identifier, as on the facility's JP_Organization, and
 * its registered name), everywhere the resource refers to it. An unregistered code or a name alone stays a
 * contained Organization. This is content (who the record says dispensed or prescribed), not provenance: the
 * source facility of every resource is still the uploader, set by the ingest store.
 */
@Component
public class RegisteredFacilityReferences {

    /** A registered facility: hub ID and registered name. */
    public record Registered(String id, String name) {
    }

    /** Finds the facility registered under a medical-institution code. */
    @FunctionalInterface
    public interface Lookup {
        Optional<Registered> byCode(String medicalInstitutionCode);
    }

    private final Lookup registry;

    @Autowired
    public RegisteredFacilityReferences(FacilityRegistry registry) {
        this(code -> registry.findByMedicalInstitutionCode(code).map(f -> new Registered(f.id(), f.details().name())));
    }

    public RegisteredFacilityReferences(Lookup registry) {
        this.registry = registry;
    }

    public List<MappedRecord> resolve(List<MappedRecord> records) {
        Map<String, Optional<Registered>> looked = new HashMap<>();
        for (MappedRecord record : records) {
            for (Resource resource : record.resources()) {
                if (resource instanceof DomainResource owner) {
                    resolve(owner, looked);
                }
            }
        }
        return records;
    }

    private void resolve(DomainResource owner, Map<String, Optional<Registered>> looked) {
        for (Resource contained : new ArrayList<>(owner.getContained())) {
            if (!(contained instanceof Organization organization)) {
                continue;
            }
            Optional<Registered> facility = organization.getIdentifier().stream()
                    .filter(i -> JpCoreSystems.MEDICAL_INSTITUTION_NO.equals(i.getSystem()) && i.hasValue())
                    .map(Identifier::getValue).findFirst()
                    .flatMap(code -> looked.computeIfAbsent(code, registry::byCode));
            if (facility.isEmpty()) {
                continue;
            }
            String local = "#" + organization.getIdElement().getIdPart().replaceFirst("^#", "");
            List<Reference> pointing = new ArrayList<>(FhirContext.forR4Cached().newTerser()
                    .getAllPopulatedChildElementsOfType(owner, Reference.class));
            owner.getContained().forEach(other -> pointing.addAll(FhirContext.forR4Cached().newTerser()
                    .getAllPopulatedChildElementsOfType(other, Reference.class)));
            pointing.stream().filter(r -> local.equals(r.getReference())).forEach(r -> {
                r.setReference(null);
                r.setType("Organization");
                r.setIdentifier(new Identifier().setSystem(HubSystems.FACILITY).setValue(facility.get().id()));
                r.setDisplay(facility.get().name());
            });
            owner.getContained().remove(organization);
        }
    }
}
