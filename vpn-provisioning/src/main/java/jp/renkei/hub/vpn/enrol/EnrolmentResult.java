package jp.renkei.hub.vpn.enrol;

import java.time.Instant;

/**
 * What an enrolled router gets: its certificate, the CA to trust the hub by, and the hub to connect to.
 *
 * @param ikeIdentity the router's IKE identity (the certificate's dNSName SAN)
 */
public record EnrolmentResult(String facilityId, String ikeIdentity, String serial, Instant notAfter,
                              String certificatePem, String caCertificatePem, String hubAddress, String hubIdentity) {
}
