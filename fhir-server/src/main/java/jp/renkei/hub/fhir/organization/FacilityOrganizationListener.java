package jp.renkei.hub.fhir.organization;

import jp.renkei.hub.core.facility.FacilityChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each facility's Organization in step with the registry. The registry publishes only after its
 * transaction has committed, so a plain listener sees committed data and never a rolled-back change.
 */
@Component
class FacilityOrganizationListener {

    private final FacilityOrganizationSync sync;

    FacilityOrganizationListener(FacilityOrganizationSync sync) {
        this.sync = sync;
    }

    @EventListener
    void on(FacilityChanged event) {
        sync.sync(event.facility());
    }
}
