package jp.renkei.hub.fhir.organization;

import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Writes the Organization of every registered facility once at start-up, after HAPI is ready: for
 * facilities registered before this view existed, and to repair any Organization whose update after a
 * change failed. A facility that fails is logged and retried at the next start or change; it does not
 * keep the hub from starting.
 */
@Component
class OrganizationStartupSync implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OrganizationStartupSync.class);

    private final FacilityRegistry registry;
    private final FacilityOrganizationSync sync;

    OrganizationStartupSync(FacilityRegistry registry, FacilityOrganizationSync sync) {
        this.registry = registry;
        this.sync = sync;
    }

    @Override
    public void run(ApplicationArguments args) {
        long started = System.nanoTime();
        int failed = 0;
        var facilities = registry.list(null, null, null);
        for (Facility facility : facilities) {
            try {
                sync.sync(facility);
            } catch (RuntimeException e) {
                failed++;
                log.error("Could not write the Organization of facility {}", facility.id(), e);
            }
        }
        log.info("Organizations of {} facilities written ({} failed, {} ms)", facilities.size() - failed, failed,
                (System.nanoTime() - started) / 1_000_000);
    }
}
