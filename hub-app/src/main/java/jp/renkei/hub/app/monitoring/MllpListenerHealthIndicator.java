package jp.renkei.hub.app.monitoring;

import jp.renkei.hub.gateway.mllp.MllpConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code mllpListener}: the MLLP listener accepts connections, when it is enabled. */
@Component
class MllpListenerHealthIndicator implements HealthIndicator {

    private final ObjectProvider<MllpConfig.MllpListener> listener;

    MllpListenerHealthIndicator(ObjectProvider<MllpConfig.MllpListener> listener) {
        this.listener = listener;
    }

    @Override
    public Health health() {
        MllpConfig.MllpListener mllp = listener.getIfAvailable();
        if (mllp == null) {
            return Health.up().withDetail("enabled", false).build();
        }
        if (!mllp.isRunning()) {
            return new Verdict("the MLLP listener is not running: gateways cannot push HL7 messages",
                    "MLLPリスナーが停止しています。ゲートウェイはHL7メッセージを送信できません").down()
                    .withDetail("enabled", true).build();
        }
        return Health.up().withDetail("enabled", true).withDetail("port", mllp.port()).build();
    }
}
