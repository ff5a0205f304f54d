package jp.renkei.hub.regional.directory;

import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityChanged;
import jp.renkei.hub.core.facility.FacilityRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps each profiled facility's Location and HealthcareService in step: after a profile is saved, after the
 * registry changes the facility (name, address, status), and once at start-up for every profile (for profiles
 * saved before this view existed, and to repair a write that failed). A failed write is logged and does not undo
 * the committed profile; the next change or start repairs it.
 */
@Component
class DirectoryFhirListener implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DirectoryFhirListener.class);

    private final DirectoryFhirSync sync;
    private final ProfileStore profiles;
    private final FacilityRegistry registry;

    DirectoryFhirListener(DirectoryFhirSync sync, ProfileStore profiles, FacilityRegistry registry) {
        this.sync = sync;
        this.profiles = profiles;
        this.registry = registry;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(DirectoryProfileChanged event) {
        registry.find(event.facilityId()).ifPresent(this::write);
    }

    @EventListener
    void on(FacilityChanged event) {
        write(event.facility());
    }

    @Override
    public void run(ApplicationArguments args) {
        int written = 0;
        for (FacilityProfile profile : profiles.all().values()) {
            var facility = registry.find(profile.facilityId());
            if (facility.isPresent() && write(facility.get(), profile)) {
                written++;
            }
        }
        log.info("Directory Locations and HealthcareServices of {} facilities written", written);
    }

    private void write(Facility facility) {
        profiles.find(facility.id()).ifPresent(profile -> write(facility, profile));
    }

    private boolean write(Facility facility, FacilityProfile profile) {
        try {
            sync.sync(facility, profile);
            return true;
        } catch (RuntimeException e) {
            log.error("Could not write the directory Location/HealthcareService of facility {}", facility.id(), e);
            return false;
        }
    }
}
