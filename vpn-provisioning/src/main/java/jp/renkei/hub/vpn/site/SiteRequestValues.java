package jp.renkei.hub.vpn.site;

import java.util.List;

/** A {@link SiteRequest} after every field has been checked. */
record SiteRequestValues(RouterKind routerKind, String publicAddress, List<IpPrefix> lanPrefixes, SiteContact contact) {
}
