package jp.renkei.hub.app.monitoring;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import jp.renkei.hub.dicom.store.ObjectStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code dicomStore}: the DICOM object store takes a new object — a small staged file is written and discarded
 * (never committed), the way every C-STORE and STOW-RS instance begins. A writable verdict is reused for a few
 * seconds, so that however often anyone asks (the health endpoint answers everyone) the store sees at most one probe
 * file per period; a failing store is probed on every ask (nothing is written then), so it shows DOWN at once.
 */
@Component
class DicomStoreHealthIndicator implements HealthIndicator {

    private static final Health UP = Health.up().withDetail("writable", true).build();

    private final ObjectStore store;
    private final Duration reuse;
    private Instant upUntil = Instant.MIN;

    @Autowired
    DicomStoreHealthIndicator(ObjectStore store) {
        this(store, Duration.ofSeconds(5));
    }

    DicomStoreHealthIndicator(ObjectStore store, Duration reuse) {
        this.store = store;
        this.reuse = reuse;
    }

    @Override
    public synchronized Health health() {
        Instant now = Instant.now();
        if (now.isBefore(upUntil)) {
            return UP;
        }
        Health health = probe();
        upUntil = health.getStatus().equals(Status.UP) ? now.plus(reuse) : Instant.MIN;
        return health;
    }

    private Health probe() {
        try (ObjectStore.Staged probe = store.stage()) {
            probe.output().write(new byte[] {'o', 'k'});
            probe.output().flush();
            return UP;
        } catch (IOException | RuntimeException e) {
            return new Verdict("the DICOM object store cannot take new images (" + e.getMessage()
                    + "): C-STORE and STOW-RS fail", "DICOMオブジェクトストアに書き込めません。C-STOREとSTOW-RSは失敗します（"
                    + e.getMessage() + "）").down().withDetail("writable", false).build();
        }
    }
}
