package jp.renkei.hub.vpn.site;

/** Who to call about the site's router (the network lends it; someone on site restarts it). */
public record SiteContact(String name, String phone, String email) {
}
