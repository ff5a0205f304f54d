package jp.renkei.hub.app.monitoring;

import jp.renkei.hub.dicom.server.DicomBridgeConfig;
import jp.renkei.hub.dicom.server.DicomProperties;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code dicomListener}: the DICOM listener (and its TLS port, when on) accepts associations, when enabled. */
@Component
class DicomListenerHealthIndicator implements HealthIndicator {

    private final DicomBridgeConfig.DicomListener listener;
    private final DicomProperties properties;

    DicomListenerHealthIndicator(DicomBridgeConfig.DicomListener listener, DicomProperties properties) {
        this.listener = listener;
        this.properties = properties;
    }

    @Override
    public Health health() {
        if (!properties.enabled()) {
            return Health.up().withDetail("enabled", false).build();
        }
        boolean tlsWanted = properties.tls().enabled();
        if (!listener.isRunning() || tlsWanted && listener.tlsPort() < 0) {
            return new Verdict("the DICOM listener is not running: PACS cannot send or retrieve images",
                    "DICOMリスナーが停止しています。PACSは画像の送信も取得もできません").down()
                    .withDetail("enabled", true).build();
        }
        Health.Builder up = Health.up().withDetail("enabled", true).withDetail("aeTitle", properties.aeTitle())
                .withDetail("port", listener.port());
        return (tlsWanted ? up.withDetail("tlsPort", listener.tlsPort()) : up).build();
    }
}
