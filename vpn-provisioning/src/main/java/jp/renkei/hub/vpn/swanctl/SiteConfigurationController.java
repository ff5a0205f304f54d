package jp.renkei.hub.vpn.swanctl;

import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.renkei.hub.core.pki.Device;
import jp.renkei.hub.core.pki.HubCertificateAuthority;
import jp.renkei.hub.core.pki.RevocationReason;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.vpn.HubServicePrefixes;
import jp.renkei.hub.vpn.VpnProperties;
import jp.renkei.hub.vpn.site.IpPrefix;
import jp.renkei.hub.vpn.site.Site;
import jp.renkei.hub.vpn.site.SiteAccess;
import jp.renkei.hub.vpn.site.Sites;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A site's generated configuration, and the revocation of its router certificate. */
@RestController
@Tag(name = "VPN configuration", description = "Generated strongSwan configuration and router revocation (docs/vpn.md)")
class SiteConfigurationController {

    private final Sites sites;
    private final SwanctlGenerator generator;
    private final HubCertificateAuthority ca;
    private final VpnProperties properties;
    private final HubServicePrefixes hubPrefixes;
    private final RouterRevocation revocation;

    SiteConfigurationController(Sites sites, SwanctlGenerator generator, HubCertificateAuthority ca,
                                VpnProperties properties, HubServicePrefixes hubPrefixes, RouterRevocation revocation) {
        this.sites = sites;
        this.generator = generator;
        this.ca = ca;
        this.properties = properties;
        this.hubPrefixes = hubPrefixes;
        this.revocation = revocation;
    }

    @GetMapping(value = "/api/vpn/sites/{facilityId}/configuration", produces = "application/zip")
    @Operation(summary = "The site's router configuration as one zip",
            description = "swanctl/swanctl.conf (strongSwan routers), swanctl/x509ca/renkei-hub-ca.crt, "
                    + "parameter-sheet-ja.txt (every IKEv2 parameter, for other routers) and README-ja.txt.")
    ResponseEntity<byte[]> configuration(@PathVariable String facilityId, @AuthenticationPrincipal HubPrincipal principal) {
        SiteAccess.require(principal, facilityId);
        Site site = sites.find(facilityId).orElseThrow(() -> SiteAccess.notFound(facilityId));
        String hub = hubPrefixes.prefixes().stream().map(IpPrefix::toString).collect(Collectors.joining(", "));
        byte[] zip = SiteConfigArchive.zip(SiteConfigArchive.entries(site, generator, ca.certificatePem(),
                properties.hubAddress(), properties.hubIdentity(), hub));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("renkei-vpn-" + facilityId + ".zip").build().toString())
                .body(zip);
    }

    @PostMapping("/api/vpn/sites/{facilityId}/router/revoke")
    @Operation(summary = "Revoke the site's router certificate",
            description = "Publishes a new CRL, removes the hub's connection for the site and, when loading is on, "
                    + "tears its SAs down. The router enrols again with a new token.")
    Device revoke(@PathVariable String facilityId, @RequestBody(required = false) RevokeRouterRequest request,
                  @AuthenticationPrincipal HubPrincipal principal) {
        SiteAccess.require(principal, facilityId);
        return revocation.revoke(facilityId, request == null ? null : request.reason(), principal.id());
    }

    record RevokeRouterRequest(@Schema(description = "CRL reason; UNSPECIFIED when absent") RevocationReason reason) {
    }
}
