package jp.renkei.hub.vpn.enrol;

/**
 * The fallback for routers that cannot make a CSR: key and certificate as PKCS#12, protected by a one-time
 * password. The hub keeps neither the key nor the password; both are in this answer only.
 */
public record Pkcs12Bundle(EnrolmentResult enrolment, String pkcs12Base64, String password) {
}
