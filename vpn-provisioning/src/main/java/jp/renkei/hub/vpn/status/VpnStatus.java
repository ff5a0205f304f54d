package jp.renkei.hub.vpn.status;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jp.renkei.hub.vpn.site.Site;
import jp.renkei.hub.vpn.site.Sites;
import jp.renkei.hub.vpn.swanctl.HubSideSync;
import jp.renkei.hub.vpn.swanctl.Swanctl;
import org.springframework.stereotype.Service;

/** The operator's view of every site's tunnel: the registry joined with {@code swanctl --list-sas}. */
@Service
public class VpnStatus {

    private final Sites sites;
    private final HubSideSync sync;
    private final Swanctl swanctl;
    private final Clock clock = Clock.systemUTC();

    VpnStatus(Sites sites, HubSideSync sync, Swanctl swanctl) {
        this.sites = sites;
        this.sync = sync;
        this.swanctl = swanctl;
    }

    public VpnStatusReport report() {
        Instant now = clock.instant();
        Swanctl.Result result = swanctl.listSas();
        Map<String, IkeSa> sas = result.ok()
                ? ListSasParser.parse(result.output()).stream()
                        .collect(Collectors.toMap(IkeSa::connection, Function.identity(), VpnStatus::better))
                : Map.of();
        List<SiteTunnelStatus> statuses = sites.list().stream().map(site -> status(site, sas.get(site.connectionName()), now))
                .toList();
        return new VpnStatusReport(now, result.ok(), result.ok() ? null : result.output().strip(), statuses);
    }

    private SiteTunnelStatus status(Site site, IkeSa sa, Instant now) {
        if (!sync.isLive(site)) {
            return new SiteTunnelStatus(site.facilityId(), site.facilityName(), site.connectionName(),
                    SiteTunnelStatus.State.NOT_CONFIGURED, null, 0, 0);
        }
        if (sa == null) {
            return new SiteTunnelStatus(site.facilityId(), site.facilityName(), site.connectionName(),
                    SiteTunnelStatus.State.DOWN, null, 0, 0);
        }
        boolean up = "ESTABLISHED".equals(sa.state()) && sa.installedChildren() > 0;
        return new SiteTunnelStatus(site.facilityId(), site.facilityName(), site.connectionName(),
                up ? SiteTunnelStatus.State.ESTABLISHED : SiteTunnelStatus.State.CONNECTING,
                sa.establishedSecondsAgo() == null ? null : now.minusSeconds(sa.establishedSecondsAgo()),
                sa.bytesIn(), sa.bytesOut());
    }

    /** Of two IKE SAs of one connection (during a reauthentication), the established one. */
    private static IkeSa better(IkeSa a, IkeSa b) {
        return "ESTABLISHED".equals(a.state()) ? a : b;
    }
}
