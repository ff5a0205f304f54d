package jp.renkei.hub.fhir.patient;

import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import jp.renkei.hub.fhir.model.ElementWalk;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Removes other facilities' local patient IDs from what a facility is shown. Every {@link Identifier} in
 * another facility's local system goes, wherever it sits: in a Patient, in a contained Patient, in a Patient
 * inside a Bundle or Parameters, or as the logical identifier of a reference. The event number and the
 * facility's own local IDs stay. Resources that carry nothing to remove are returned as they are; the
 * others are copied first, so that no instance shared with the store or a cache is changed.
 */
public final class LocalIdentifierMask {

    private final FhirTerser terser;

    public LocalIdentifierMask(FhirContext context) {
        this.terser = context.newTerser();
    }

    /** {@code resource} as {@code facility} may see it: the same instance when nothing had to go. */
    public IBaseResource masked(IBaseResource resource, ActingFacility facility) {
        if (resource == null || foreignIdentifiers(resource, facility).isEmpty()) {
            return resource;
        }
        IBaseResource copy = ((Resource) resource).copy();
        foreignIdentifiers(copy, facility).forEach(terser::clear);
        // An emptied identifier would not be encoded, but code reading the list should not meet it either.
        patients(copy).forEach(patient -> patient.getIdentifier().removeIf(Identifier::isEmpty));
        return copy;
    }

    private List<Identifier> foreignIdentifiers(IBaseResource resource, ActingFacility facility) {
        List<Identifier> found = new ArrayList<>();
        for (var identifier : ElementWalk.find((Base) resource, Identifier.class)) {
            if (facility.isForeignLocalSystem(identifier.element().getSystem())) {
                found.add(identifier.element());
            }
        }
        return found;
    }

    private List<Patient> patients(IBaseResource resource) {
        List<Patient> found = new ArrayList<>();
        if (resource instanceof Patient patient) {
            found.add(patient);
        }
        terser.getAllEmbeddedResources(resource, true).stream()
                .filter(Patient.class::isInstance).map(Patient.class::cast).forEach(found::add);
        return found;
    }
}
