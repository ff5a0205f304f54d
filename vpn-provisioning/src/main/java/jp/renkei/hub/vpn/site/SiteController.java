package jp.renkei.hub.vpn.site;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.renkei.hub.core.security.HubPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** VPN site records: a facility's own administrators manage their site; hub administrators see all. */
@RestController
@Tag(name = "VPN sites", description = "Site records and the address plan of the IPsec VPN (docs/vpn.md)")
class SiteController {

    private final Sites sites;
    private final DicomNodes dicomNodes;

    SiteController(Sites sites, DicomNodes dicomNodes) {
        this.sites = sites;
        this.dicomNodes = dicomNodes;
    }

    @PutMapping("/api/vpn/sites/{facilityId}")
    @Operation(summary = "Create or replace the facility's VPN site record",
            description = "Router kind, public address or FQDN (empty: behind NAT), LAN prefixes (IPv4 and IPv6) and "
                    + "contact. Prefixes overlapping the hub's service prefixes or another site's are refused (409, "
                    + "naming the clashing site). Another facility's site answers 404 like a missing one.")
    Site save(@PathVariable String facilityId, @RequestBody SiteRequest request,
              @AuthenticationPrincipal HubPrincipal principal) {
        SiteAccess.require(principal, facilityId);
        return sites.save(facilityId, request, principal.id());
    }

    @PutMapping("/api/vpn/sites/{facilityId}/dicom-nodes")
    @Operation(summary = "Replace the DICOM nodes of the facility's VPN site",
            description = "Each node: AE title, host (an address literal inside the site's LAN prefixes, else 400), "
                    + "port and what it accepts (STORE_DESTINATION: a C-MOVE destination; QUERY_RETRIEVE). The whole "
                    + "list is checked before anything is written. A missing or another facility's site answers 404.")
    Site saveDicomNodes(@PathVariable String facilityId, @RequestBody List<DicomNodeRequest> nodes,
                        @AuthenticationPrincipal HubPrincipal principal) {
        SiteAccess.require(principal, facilityId);
        return dicomNodes.replace(facilityId, nodes, principal.id());
    }

    @GetMapping("/api/vpn/sites/{facilityId}")
    @Operation(summary = "The facility's VPN site record")
    Site get(@PathVariable String facilityId, @AuthenticationPrincipal HubPrincipal principal) {
        SiteAccess.require(principal, facilityId);
        return sites.find(facilityId).orElseThrow(() -> SiteAccess.notFound(facilityId));
    }

    @GetMapping("/api/vpn/sites")
    @Operation(summary = "Every VPN site (hub administrators)")
    List<Site> list() {
        return sites.list();
    }
}
