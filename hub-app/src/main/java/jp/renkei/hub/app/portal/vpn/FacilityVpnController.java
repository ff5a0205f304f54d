package jp.renkei.hub.app.portal.vpn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.network.DicomNode;
import jp.renkei.hub.core.pki.HubCertificateAuthority;
import jp.renkei.hub.core.pki.RevocationReason;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.RequestAttributes;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.vpn.HubServicePrefixes;
import jp.renkei.hub.vpn.VpnProperties;
import jp.renkei.hub.vpn.enrol.EnrolmentResult;
import jp.renkei.hub.vpn.enrol.EnrolmentToken;
import jp.renkei.hub.vpn.enrol.Enrolments;
import jp.renkei.hub.vpn.enrol.RouterRenewal;
import jp.renkei.hub.vpn.site.DicomNodeRequest;
import jp.renkei.hub.vpn.site.DicomNodes;
import jp.renkei.hub.vpn.site.IpPrefix;
import jp.renkei.hub.vpn.site.RouterKind;
import jp.renkei.hub.vpn.site.Site;
import jp.renkei.hub.vpn.site.SiteAccess;
import jp.renkei.hub.vpn.site.SiteContact;
import jp.renkei.hub.vpn.site.SiteRequest;
import jp.renkei.hub.vpn.site.Sites;
import jp.renkei.hub.vpn.swanctl.RouterRevocation;
import jp.renkei.hub.vpn.swanctl.SiteConfigArchive;
import jp.renkei.hub.vpn.status.VpnStatus;
import jp.renkei.hub.vpn.swanctl.SwanctlGenerator;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The acting facility's VPN site ({@code /portal/facility/vpn}): the site record and its form, its DICOM nodes
 * (added and removed one at a time), its status with the onboarding checklist and the last data received, a
 * one-time enrolment token, the configuration archive, the renewal of the router certificate (token or CSR, then
 * confirming the switch) and its revocation. The facility is always
 * the administrator's acting one (no URL or form names a facility); every action goes through the services behind
 * {@code /api/vpn/sites/{facilityId}/…} with the same {@link SiteAccess} check, and their refusals (the address plan
 * naming the clashing site) are shown as they are.
 */
@Controller
class FacilityVpnController {

    static final List<RevocationReason> REASONS = Arrays.stream(RevocationReason.values())
            .filter(r -> r != RevocationReason.SUPERSEDED).toList();

    private final Sites sites;
    private final Enrolments enrolments;
    private final RouterRevocation revocation;
    private final SwanctlGenerator generator;
    private final HubCertificateAuthority ca;
    private final VpnProperties properties;
    private final HubServicePrefixes hubPrefixes;
    private final RouterRenewal renewal;
    private final VpnStatus status;
    private final DicomNodes dicomNodes;

    FacilityVpnController(Sites sites, Enrolments enrolments, RouterRevocation revocation, SwanctlGenerator generator,
                          HubCertificateAuthority ca, VpnProperties properties, HubServicePrefixes hubPrefixes,
                          RouterRenewal renewal, VpnStatus status, DicomNodes dicomNodes) {
        this.dicomNodes = dicomNodes;
        this.sites = sites;
        this.enrolments = enrolments;
        this.revocation = revocation;
        this.generator = generator;
        this.ca = ca;
        this.properties = properties;
        this.hubPrefixes = hubPrefixes;
        this.renewal = renewal;
        this.status = status;
    }

    @GetMapping("/portal/facility/vpn")
    String page(@RequestParam(required = false) String done, HttpServletRequest request, Model model) {
        String facilityId = facilityId(request);
        Optional<Site> site = sites.find(facilityId);
        model.addAttribute("form", site.map(SiteForm::of).orElse(SiteForm.EMPTY));
        if (done != null && List.of("saved", "revoked", "switched", "nodeSaved", "nodeRemoved").contains(done)) {
            model.addAttribute("notice", "vpn.notice." + done);
        }
        return render(site, model);
    }

    @PostMapping("/portal/facility/vpn/site")
    String save(@RequestParam(defaultValue = "") String routerKind, @RequestParam(defaultValue = "") String publicAddress,
                @RequestParam(defaultValue = "") String lanPrefixes, @RequestParam(defaultValue = "") String contactName,
                @RequestParam(defaultValue = "") String contactPhone,
                @RequestParam(defaultValue = "") String contactEmail,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        HubPrincipal admin = admin(request);
        String facilityId = admin.actingFacilityId();
        SiteForm form = new SiteForm(routerKind, publicAddress, lanPrefixes, contactName, contactPhone, contactEmail);
        Optional<RouterKind> kind = Arrays.stream(RouterKind.values()).filter(k -> k.name().equals(routerKind))
                .findFirst();
        List<String> prefixes = lanPrefixes.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        try {
            SiteAccess.require(admin, facilityId);
            sites.save(facilityId, new SiteRequest(kind.orElse(null), publicAddress, prefixes,
                    new SiteContact(contactName, contactPhone, contactEmail)), admin.id());
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            model.addAttribute("form", form);
            model.addAttribute("error", e.getMessage());
            return render(sites.find(facilityId), model);
        }
        return "redirect:/portal/facility/vpn?done=saved";
    }

    @PostMapping("/portal/facility/vpn/token")
    String token(HttpServletRequest request, HttpServletResponse response, Model model) {
        return showToken(enrolments::newToken, false, request, response, model);
    }

    @PostMapping("/portal/facility/vpn/renewal-token")
    String renewalToken(HttpServletRequest request, HttpServletResponse response, Model model) {
        return showToken(renewal::newToken, true, request, response, model);
    }

    /** Issues an enrolment or renewal token for the acting facility and shows it once. */
    private String showToken(BiFunction<String, String, EnrolmentToken> issue, boolean forRenewal,
                             HttpServletRequest request, HttpServletResponse response, Model model) {
        HubPrincipal admin = admin(request);
        String facilityId = admin.actingFacilityId();
        EnrolmentToken token;
        try {
            SiteAccess.require(admin, facilityId);
            token = issue.apply(facilityId, admin.id());
        } catch (ApiException e) {
            return refused(facilityId, e, response, model);
        }
        model.addAttribute("section", "vpn");
        model.addAttribute("token", token);
        model.addAttribute("renewal", forRenewal);
        model.addAttribute("site", sites.find(facilityId).orElseThrow());
        model.addAttribute("hubAddress", properties.hubAddress());
        return "portal/vpn/token";
    }

    @PostMapping("/portal/facility/vpn/renewal")
    String renew(@RequestParam(defaultValue = "") String csrPem, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        HubPrincipal admin = admin(request);
        String facilityId = admin.actingFacilityId();
        EnrolmentResult renewed;
        try {
            SiteAccess.require(admin, facilityId);
            renewed = renewal.renew(facilityId, csrPem, admin.id());
        } catch (ApiException e) {
            model.addAttribute("csrPem", csrPem);
            return refused(facilityId, e, response, model);
        }
        model.addAttribute("section", "vpn");
        model.addAttribute("renewed", renewed);
        model.addAttribute("retiring", renewal.retiring(facilityId));
        return "portal/vpn/renewed";
    }

    @PostMapping("/portal/facility/vpn/renewal/complete")
    String completeRenewal(HttpServletRequest request, HttpServletResponse response, Model model) {
        HubPrincipal admin = admin(request);
        String facilityId = admin.actingFacilityId();
        try {
            SiteAccess.require(admin, facilityId);
            renewal.completeSwitch(facilityId, admin.id());
        } catch (ApiException e) {
            return refused(facilityId, e, response, model);
        }
        return "redirect:/portal/facility/vpn?done=switched";
    }

    @GetMapping("/portal/facility/vpn/configuration")
    Object configuration(HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        HubPrincipal admin = admin(request);
        String facilityId = admin.actingFacilityId();
        Optional<Site> site = SiteAccess.mayManage(admin, facilityId) ? sites.find(facilityId) : Optional.empty();
        if (site.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("form", SiteForm.EMPTY);
            model.addAttribute("error", SiteAccess.notFound(facilityId).getMessage());
            return render(Optional.empty(), model);
        }
        String hub = hubPrefixes.prefixes().stream().map(IpPrefix::toString).collect(Collectors.joining(", "));
        byte[] zip = SiteConfigArchive.zip(SiteConfigArchive.entries(site.get(), generator, ca.certificatePem(),
                properties.hubAddress(), properties.hubIdentity(), hub));
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("renkei-vpn-" + facilityId + ".zip").build().toString());
        response.setContentLength(zip.length);
        response.getOutputStream().write(zip);
        return null;
    }

    @PostMapping("/portal/facility/vpn/revoke")
    String revoke(@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String confirm,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        HubPrincipal admin = admin(request);
        String facilityId = admin.actingFacilityId();
        Optional<RevocationReason> why = REASONS.stream().filter(r -> r.name().equals(reason)).findFirst();
        if (why.isEmpty() || !"yes".equals(confirm)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("form", sites.find(facilityId).map(SiteForm::of).orElse(SiteForm.EMPTY));
            model.addAttribute("errorKey", "vpn.revoke.error.confirm");
            return render(sites.find(facilityId), model);
        }
        try {
            SiteAccess.require(admin, facilityId);
            revocation.revoke(facilityId, why.get(), admin.id());
        } catch (ApiException e) {
            return refused(facilityId, e, response, model);
        }
        return "redirect:/portal/facility/vpn?done=revoked";
    }

    @PostMapping("/portal/facility/vpn/dicom-nodes")
    String addDicomNode(@RequestParam(defaultValue = "") String aeTitle, @RequestParam(defaultValue = "") String host,
                        @RequestParam(defaultValue = "") String port,
                        @RequestParam(required = false) List<String> accepts,
                        HttpServletRequest request, HttpServletResponse response, Model model) {
        HubPrincipal admin = admin(request);
        String facilityId = admin.actingFacilityId();
        NodeForm form = new NodeForm(aeTitle, host, port, accepts == null ? List.of() : accepts);
        try {
            SiteAccess.require(admin, facilityId);
            Site site = sites.find(facilityId).orElseThrow(() -> SiteAccess.notFound(facilityId));
            List<DicomNodeRequest> nodes = new ArrayList<>(site.dicomNodes().stream().map(FacilityVpnController::request)
                    .toList());
            nodes.add(new DicomNodeRequest(aeTitle, host, port.isBlank() || !port.strip().matches("\\d{1,5}") ? null
                    : Integer.valueOf(port.strip()), form.accepts()));
            dicomNodes.replace(facilityId, nodes, admin.id());
        } catch (ApiException e) {
            model.addAttribute("nodeForm", form);
            return refused(facilityId, e, response, model);
        }
        return "redirect:/portal/facility/vpn?done=nodeSaved";
    }

    @PostMapping("/portal/facility/vpn/dicom-nodes/remove")
    String removeDicomNode(@RequestParam(defaultValue = "") String aeTitle, HttpServletRequest request,
                           HttpServletResponse response, Model model) {
        HubPrincipal admin = admin(request);
        String facilityId = admin.actingFacilityId();
        try {
            SiteAccess.require(admin, facilityId);
            Site site = sites.find(facilityId).orElseThrow(() -> SiteAccess.notFound(facilityId));
            dicomNodes.replace(facilityId, site.dicomNodes().stream().filter(n -> !n.aeTitle().equals(aeTitle))
                    .map(FacilityVpnController::request).toList(), admin.id());
        } catch (ApiException e) {
            return refused(facilityId, e, response, model);
        }
        return "redirect:/portal/facility/vpn?done=nodeRemoved";
    }

    private static DicomNodeRequest request(DicomNode node) {
        return new DicomNodeRequest(node.aeTitle(), node.host(), node.port(),
                node.accepts().stream().map(Enum::name).sorted().toList());
    }

    private String refused(String facilityId, ApiException e, HttpServletResponse response, Model model) {
        response.setStatus(e.status().value());
        Optional<Site> site = sites.find(facilityId);
        model.addAttribute("form", site.map(SiteForm::of).orElse(SiteForm.EMPTY));
        model.addAttribute("error", e.getMessage());
        return render(site, model);
    }

    private String render(Optional<Site> site, Model model) {
        model.addAttribute("section", "vpn");
        if (!model.containsAttribute("nodeForm")) {
            model.addAttribute("nodeForm", NodeForm.EMPTY);
        }
        model.addAttribute("nodeServices", DicomNode.Service.values());
        model.addAttribute("site", site.orElse(null));
        model.addAttribute("status", site.flatMap(s -> status.site(s.facilityId())).map(r -> r.sites().get(0))
                .orElse(null));
        model.addAttribute("kinds", RouterKind.values());
        model.addAttribute("reasons", REASONS);
        return "portal/vpn/facility";
    }

    private static HubPrincipal admin(HttpServletRequest request) {
        return RequestAttributes.principal(request).orElseThrow();
    }

    private static String facilityId(HttpServletRequest request) {
        return admin(request).actingFacilityId();
    }

    /** The DICOM node form as typed. */
    record NodeForm(String aeTitle, String host, String port, List<String> accepts) {
        static final NodeForm EMPTY = new NodeForm("", "", "104", List.of(DicomNode.Service.STORE_DESTINATION.name()));
    }

    /** The form's fields as typed (kept on a refusal, so nothing typed is lost). */
    record SiteForm(String routerKind, String publicAddress, String lanPrefixes, String contactName,
                    String contactPhone, String contactEmail) {

        static final SiteForm EMPTY = new SiteForm(RouterKind.STRONGSWAN.name(), "", "", "", "", "");

        static SiteForm of(Site site) {
            return new SiteForm(site.routerKind().name(), site.publicAddress() == null ? "" : site.publicAddress(),
                    site.lanPrefixes().stream().map(IpPrefix::toString).collect(Collectors.joining("\n")),
                    site.contact().name(), site.contact().phone(), site.contact().email());
        }
    }
}
