package jp.renkei.hub.app.monitoring;

import java.io.IOException;

import jp.renkei.hub.dicom.store.ObjectStore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code dicomStore}: the DICOM object store takes a new object — a small staged file is written and discarded
 * (never committed), the way every C-STORE and STOW-RS instance begins.
 */
@Component
class DicomStoreHealthIndicator implements HealthIndicator {

    private final ObjectStore store;

    DicomStoreHealthIndicator(ObjectStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        try (ObjectStore.Staged probe = store.stage()) {
            probe.output().write(new byte[] {'o', 'k'});
            probe.output().flush();
            return Health.up().withDetail("writable", true).build();
        } catch (IOException | RuntimeException e) {
            return new Verdict("the DICOM object store cannot take new images (" + e.getMessage()
                    + "): C-STORE and STOW-RS fail", "DICOMオブジェクトストアに書き込めません。C-STOREとSTOW-RSは失敗します（"
                    + e.getMessage() + "）").down().withDetail("writable", false).build();
        }
    }
}
