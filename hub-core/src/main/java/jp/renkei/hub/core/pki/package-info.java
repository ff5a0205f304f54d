/**
 * The hub's own public-key infrastructure. {@link jp.renkei.hub.core.pki.HubCertificateAuthority} keeps the CA
 * key in {@code ${renkei.home}/pki} and issues the hub's TLS server certificate and the client certificates of
 * facility systems (gateways, pharmacy systems, PACS forwarders), which {@link
 * jp.renkei.hub.core.pki.DeviceCertificates} registers, authenticates and revokes; revocations are published
 * as a CRL. MHLW guideline 6.0 asks for client certificates for systems; the same CA later signs the IPsec
 * certificates of the site VPN.
 */
package jp.renkei.hub.core.pki;
