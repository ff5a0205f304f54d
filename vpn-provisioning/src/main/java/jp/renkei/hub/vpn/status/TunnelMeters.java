package jp.renkei.hub.vpn.status;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jp.renkei.hub.core.monitoring.PeriodicReading;
import org.springframework.stereotype.Component;

/**
 * {@code renkei_vpn_tunnels{state}}: how many sites' tunnels are in each {@link SiteTunnelStatus.State} (not per
 * site: the site list is the operators' status page), and {@code renkei_vpn_status_readable} (1 when strongSwan
 * answered, 0 when its state could not be read, so DOWN counts are not trusted then). Read from strongSwan at most
 * every 30 s, whatever the scrape interval.
 */
@Component
public class TunnelMeters implements MeterBinder {

    private final PeriodicReading<VpnStatusReport> report;

    public TunnelMeters(VpnStatus status, Clock clock) {
        this.report = new PeriodicReading<>(status::report, Duration.ofSeconds(30), clock);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (SiteTunnelStatus.State state : SiteTunnelStatus.State.values()) {
            Gauge.builder("renkei.vpn.tunnels", report, reading -> {
                        VpnStatusReport current = reading.get();
                        return current == null ? Double.NaN
                                : current.sites().stream().filter(site -> site.state() == state).count();
                    })
                    .description("VPN sites whose tunnel is in this state")
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder("renkei.vpn.status.readable", report, reading -> {
                    VpnStatusReport current = reading.get();
                    return current == null ? Double.NaN : current.strongswanAvailable() ? 1 : 0;
                })
                .description("1 when strongSwan's tunnel state could be read, else 0")
                .register(registry);
    }
}
