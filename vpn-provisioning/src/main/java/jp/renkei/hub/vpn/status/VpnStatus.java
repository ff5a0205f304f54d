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

    /** Renewal is offered this long before the router certificate expires. */
    static final java.time.Duration RENEWAL_NOTICE = java.time.Duration.ofDays(30);

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
        Instant notAfter = sync.currentRouter(site.facilityId()).map(router -> router.certificate().notAfter()).orElse(null);
        boolean renewalDue = notAfter != null && notAfter.isBefore(now.plus(RENEWAL_NOTICE));
        SiteTunnelStatus.State state;
        if (!sync.isLive(site)) {
            state = SiteTunnelStatus.State.NOT_CONFIGURED;
        } else if (sa == null) {
            state = SiteTunnelStatus.State.DOWN;
        } else {
            boolean up = "ESTABLISHED".equals(sa.state()) && sa.installedChildren() > 0;
            state = up ? SiteTunnelStatus.State.ESTABLISHED : SiteTunnelStatus.State.CONNECTING;
        }
        boolean counted = state == SiteTunnelStatus.State.ESTABLISHED || state == SiteTunnelStatus.State.CONNECTING;
        return new SiteTunnelStatus(site.facilityId(), site.facilityName(), site.connectionName(), state,
                counted && sa.establishedSecondsAgo() != null ? now.minusSeconds(sa.establishedSecondsAgo()) : null,
                counted ? sa.bytesIn() : 0, counted ? sa.bytesOut() : 0, notAfter, renewalDue);
    }

    /** Of two IKE SAs of one connection (during a reauthentication), the established one. */
    private static IkeSa better(IkeSa a, IkeSa b) {
        return "ESTABLISHED".equals(a.state()) ? a : b;
    }
}
