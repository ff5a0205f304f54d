package jp.renkei.hub.core.pki;

import org.bouncycastle.asn1.x509.CRLReason;

/** Why a device certificate was revoked: the RFC 5280 reason codes that apply to an end entity. */
public enum RevocationReason {
    UNSPECIFIED(CRLReason.unspecified),
    KEY_COMPROMISE(CRLReason.keyCompromise),
    AFFILIATION_CHANGED(CRLReason.affiliationChanged),
    /** Replaced by a newer certificate for the same device; set by the hub on re-issue. */
    SUPERSEDED(CRLReason.superseded),
    CESSATION_OF_OPERATION(CRLReason.cessationOfOperation),
    PRIVILEGE_WITHDRAWN(CRLReason.privilegeWithdrawn);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /** The reasonCode in the CRL entry. */
    public int code() {
        return code;
    }
}
