package jp.renkei.hub.regional.signature;

/** The outcome of checking a signature, as ETSI EN 319 102-1 names them. */
public enum Verdict {
    /** The signature, its chain to an HPKI trust anchor, revocation and the signer's hcRole all check out. */
    VALID,
    /** Something is wrong for good: changed content, a broken signature, a revoked or untrusted certificate. */
    INVALID,
    /** It could not be decided now: no revocation data, a certificate not valid at signing time, no hcRole. */
    INDETERMINATE
}
