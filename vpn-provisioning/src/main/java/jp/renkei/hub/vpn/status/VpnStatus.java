package jp.renkei.hub.vpn.status;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jp.renkei.hub.core.arrival.DataArrivals;
import jp.renkei.hub.core.arrival.DataChannel;
import jp.renkei.hub.core.facility.AeTitle;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.vpn.enrol.RouterRenewal;
import jp.renkei.hub.vpn.expiry.CertificateState;
import jp.renkei.hub.vpn.expiry.SiteCertificates;
import jp.renkei.hub.vpn.site.Site;
import jp.renkei.hub.vpn.site.Sites;
import jp.renkei.hub.vpn.swanctl.HubSideSync;
import jp.renkei.hub.vpn.swanctl.Swanctl;
import org.springframework.stereotype.Service;

/**
 * Every site's tunnel (the registry joined with {@code swanctl --list-sas}), its certificates, when data last
 * arrived from it, and its onboarding checklist.
 */
@Service
public class VpnStatus {

    private final Sites sites;
    private final HubSideSync sync;
    private final Swanctl swanctl;
    private final SiteCertificates certificates;
    private final RouterRenewal renewal;
    private final FacilityRegistry facilities;
    private final DataArrivals arrivals;
    private final Clock clock;

    VpnStatus(Sites sites, HubSideSync sync, Swanctl swanctl, SiteCertificates certificates, RouterRenewal renewal,
              FacilityRegistry facilities, DataArrivals arrivals, Clock clock) {
        this.sites = sites;
        this.sync = sync;
        this.swanctl = swanctl;
        this.certificates = certificates;
        this.renewal = renewal;
        this.facilities = facilities;
        this.arrivals = arrivals;
        this.clock = clock;
    }

    /** Every site (for the operators). */
    public VpnStatusReport report() {
        Instant now = clock.instant();
        Swanctl.Result result = swanctl.listSas();
        Map<String, IkeSa> sas = sas(result);
        Map<String, Map<DataChannel, Instant>> last = arrivals.all();
        List<SiteTunnelStatus> statuses = sites.list().stream()
                .map(site -> status(site, sas.get(site.connectionName()), last.getOrDefault(site.facilityId(), Map.of()),
                        now))
                .toList();
        return new VpnStatusReport(now, result.ok(), result.ok() ? null : result.output().strip(), statuses);
    }

    /** One site (for its administrators and the operators); empty when it has no site record. */
    public Optional<VpnStatusReport> site(String facilityId) {
        Optional<Site> site = sites.find(facilityId);
        if (site.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Swanctl.Result result = swanctl.listSas();
        SiteTunnelStatus status = status(site.get(), sas(result).get(site.get().connectionName()),
                arrivals.lastOf(facilityId), now);
        return Optional.of(new VpnStatusReport(now, result.ok(), result.ok() ? null : result.output().strip(),
                List.of(status)));
    }

    private static Map<String, IkeSa> sas(Swanctl.Result result) {
        return result.ok()
                ? ListSasParser.parse(result.output()).stream()
                        .collect(Collectors.toMap(IkeSa::connection, Function.identity(), VpnStatus::better))
                : Map.of();
    }

    private SiteTunnelStatus status(Site site, IkeSa sa, Map<DataChannel, Instant> last, Instant now) {
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
        Optional<CertificateState> router = certificates.routerState(site.facilityId(), now);
        List<CertificateState> gateways = certificates.gatewayStates(site.facilityId(), now);
        List<String> aeTitles = facilities.find(site.facilityId())
                .map(f -> f.details().aeTitles().stream().map(AeTitle::value).toList()).orElse(List.of());
        return new SiteTunnelStatus(site.facilityId(), site.facilityName(), site.connectionName(), state,
                counted && sa.establishedSecondsAgo() != null ? now.minusSeconds(sa.establishedSecondsAgo()) : null,
                counted ? sa.bytesIn() : 0, counted ? sa.bytesOut() : 0, router.orElse(null),
                renewal.retiring(site.facilityId()), gateways, last.get(DataChannel.INGEST), last.get(DataChannel.DICOM),
                OnboardingChecklist.evaluate(state, router, gateways, aeTitles));
    }

    /** Of two IKE SAs of one connection (during a reauthentication), the established one. */
    private static IkeSa better(IkeSa a, IkeSa b) {
        return "ESTABLISHED".equals(a.state()) ? a : b;
    }
}
