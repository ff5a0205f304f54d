package jp.renkei.hub.vpn.site;

/** What the site's router is: it decides what the hub generates for the site. */
public enum RouterKind {
    /** A Linux router running strongSwan: the hub generates its swanctl.conf. */
    STRONGSWAN,
    /** Any other IKEv2 router (Yamaha, NEC, Cisco, …): the hub generates a parameter sheet to enter by hand. */
    GENERIC_IKEV2
}
