package jp.renkei.hub.vpn.swanctl;

/**
 * The only algorithms the VPN negotiates: AEAD AES-256-GCM with ECP-384 or Curve25519, for IKE and ESP (PFS on
 * every rekey). Both ends get the same list, so a router that offers anything weaker fails with NO_PROPOSAL_CHOSEN
 * instead of silently using it.
 */
final class IkeProposals {

    static final String IKE = "aes256gcm16-prfsha384-ecp384,aes256gcm16-prfsha384-curve25519";
    static final String ESP = "aes256gcm16-ecp384,aes256gcm16-curve25519";
    /** IKE SA rekeyed every 4 hours, CHILD SAs every hour: keys never protect much data for long. */
    static final String IKE_REKEY = "4h";
    static final String CHILD_REKEY = "1h";
    /** Liveness checks every 30 s: a dead peer is noticed within about two minutes. */
    static final String DPD_DELAY = "30s";

    private IkeProposals() {
    }
}
