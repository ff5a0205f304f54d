package jp.renkei.hub.fhir.dispensing;

import java.util.Optional;

import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.fhir.views.SourceFacilities;
import org.springframework.stereotype.Component;

/** {@link FacilityDirectory} over the hub's facility registry. */
@Component
class RegistryFacilities implements FacilityDirectory {

    private final FacilityRegistry registry;
    private final SourceFacilities names;

    RegistryFacilities(FacilityRegistry registry, SourceFacilities names) {
        this.registry = registry;
        this.names = names;
    }

    @Override
    public String name(String facilityId) {
        return names.name(facilityId);
    }

    @Override
    public Optional<String> withCode(String medicalInstitutionCode) {
        return registry.findByMedicalInstitutionCode(medicalInstitutionCode).map(Facility::id);
    }
}
