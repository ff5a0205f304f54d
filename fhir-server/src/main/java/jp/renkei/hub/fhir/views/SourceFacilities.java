package jp.renkei.hub.fhir.views;

import java.util.List;

import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/** Names the facility a resource came from, as the views show it: the registry's name, by hub ID. */
@Component
public class SourceFacilities {

    private final FacilityRegistry registry;

    public SourceFacilities(FacilityRegistry registry) {
        this.registry = registry;
    }

    /** The facility's registered name, or its hub ID for a facility the registry no longer knows. */
    public String name(String facilityId) {
        return registry.find(facilityId).map(f -> f.details().name()).orElse(facilityId);
    }

    /** The source facility (hub ID) of a resource; the first when a resource carries several. */
    public static String sourceOf(Resource resource) {
        List<String> sources = SourceFacilityStamp.sourcesOf(resource);
        return sources.isEmpty() ? "" : sources.get(0);
    }

    /**
     * A logical reference to the facility (its {@link HubSystems#FACILITY} identifier, as on the facility's
     * JP_Organization) with its name as display.
     */
    public Reference reference(String facilityId) {
        return new Reference().setType("Organization")
                .setIdentifier(new Identifier().setSystem(HubSystems.FACILITY).setValue(facilityId))
                .setDisplay(name(facilityId));
    }

    /** The facility's medical-institution code, when it has one. */
    public String code(String facilityId) {
        return registry.find(facilityId).map(Facility::medicalInstitutionCode).map(c -> c.value()).orElse("");
    }
}
