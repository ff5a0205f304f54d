package jp.renkei.hub.app.monitoring;

import jp.renkei.hub.fhir.ImplementationGuideInstaller;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code fhirPackages}: the configured FHIR packages (JP Core, JP-CLINS) are in the package store that validation
 * reads. UP with {@code store: under way} during the first seconds of a first start (a validation then waits for the
 * store), DOWN when the store failed: validation fails until a restart.
 */
@Component
class FhirPackagesHealthIndicator implements HealthIndicator {

    private final ImplementationGuideInstaller installer;

    FhirPackagesHealthIndicator(ImplementationGuideInstaller installer) {
        this.installer = installer;
    }

    @Override
    public Health health() {
        return switch (installer.storeState()) {
            case DONE -> Health.up().withDetail("store", "done").build();
            case UNDER_WAY -> Health.up().withDetail("store", "under way").build();
            case FAILED -> new Verdict("the FHIR packages could not be stored: validation fails until the hub is"
                    + " restarted (see the log)", "FHIRパッケージを保存できませんでした。再起動するまで検証（$validate）は"
                    + "失敗します（ログを参照）").down().build();
        };
    }
}
