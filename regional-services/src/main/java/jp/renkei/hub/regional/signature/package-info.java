/**
 * HPKI signatures (issue W2-7): {@link jp.renkei.hub.regional.signature.SignatureVerifier} checks XAdES, CAdES and
 * PAdES signatures with the EU DSS validator against the configured HPKI trust anchors and CRLs and reads the
 * signer's hcRole; {@link jp.renkei.hub.regional.signature.DocumentSigner} signs with a PKCS#12 key given for one
 * request only.
 */
package jp.renkei.hub.regional.signature;
