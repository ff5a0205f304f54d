package jp.renkei.hub.vpn;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The VPN settings ({@code renkei.vpn.*}).
 *
 * @param hubAddress        the public address or FQDN sites' routers connect to (IKE, UDP 500/4500)
 * @param hubIdentity       the hub's IKE identity, also the dNSName of its IKE certificate
 * @param siteDomain        sites are named {@code <facility id>.<siteDomain>} (their IKE identity)
 * @param servicePrefixes   the hub's service prefixes (HTTPS, MLLP, DICOM) that every tunnel reaches, IPv4 and IPv6
 * @param swanctlDirectory  where the hub side's swanctl files are written; empty: {@code ${renkei.home}/vpn/swanctl}
 * @param load              whether to run {@code swanctl --load-all} after each change (off: files only)
 * @param swanctlCommand    the swanctl binary
 * @param viciUri           the charon VICI socket to talk to; empty: swanctl's default
 * @param enrolmentTokenValidity how long an enrolment token can be used
 * @param renewalOverlap    how long a renewed router's previous certificate stays valid at most, so the router can
 *                          switch without an outage (sooner when the site confirms the switch, or at its own end)
 * @param expiryCheckInterval how often the certificate expiry watch runs
 */
@ConfigurationProperties("renkei.vpn")
public record VpnProperties(
        @DefaultValue("vpn.renkei-hub.example") String hubAddress,
        @DefaultValue("hub.vpn.renkei-hub.example") String hubIdentity,
        @DefaultValue("sites.vpn.renkei-hub.example") String siteDomain,
        @DefaultValue({"10.251.0.0/24", "fd00:251::/64"}) List<String> servicePrefixes,
        Path swanctlDirectory,
        @DefaultValue("false") boolean load,
        @DefaultValue("swanctl") String swanctlCommand,
        String viciUri,
        @DefaultValue("24h") Duration enrolmentTokenValidity,
        @DefaultValue("14d") Duration renewalOverlap,
        @DefaultValue("6h") Duration expiryCheckInterval) {

    public VpnProperties {
        servicePrefixes = List.copyOf(servicePrefixes);
    }
}
