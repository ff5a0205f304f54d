package jp.renkei.hub.app.demo;

import java.util.List;

import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.vpn.site.RouterKind;
import jp.renkei.hub.vpn.site.SiteContact;
import jp.renkei.hub.vpn.site.SiteRequest;
import jp.renkei.hub.vpn.site.Sites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo hospital's VPN site: the loopback host (127.0.0.1/32, ::1/128), so that its PACS and gateway, run on the
 * hub's own machine, pass the rule that binds a facility's AE titles and gateway certificate to its site
 * (docs/security.md). Registered once; a site an administrator has since edited is left as it is.
 */
@Component
class DemoSite {

    static final List<String> LOOPBACK = List.of("127.0.0.1/32", "::1/128");
    private static final Logger log = LoggerFactory.getLogger(DemoSite.class);

    private final Sites sites;

    DemoSite(Sites sites) {
        this.sites = sites;
    }

    void ensure(String hospitalId) {
        if (sites.find(hospitalId).isPresent()) {
            return;
        }
        try {
            sites.save(hospitalId, new SiteRequest(RouterKind.STRONGSWAN, null, LOOPBACK,
                    new SiteContact("デモ病院 情報システム課", "024-000-0001", "it@hospital.demo.example.jp")),
                    DemoDataLoader.ACTOR);
        } catch (ApiException e) {
            log.warn("The demo hospital's VPN site (loopback) could not be registered: {}", e.getMessage());
        }
    }
}
