package jp.renkei.hub.dicom.net;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Who asks for an association: the AE titles of its A-ASSOCIATE-RQ, the address it connects from and, on the
 * DICOM TLS listener, the client certificate the TLS handshake verified against the hub CA (empty over plain TCP).
 */
public record AssociationRequester(String callingAeTitle, String calledAeTitle, InetAddress address,
                                   Optional<X509Certificate> certificate) {

    public AssociationRequester {
        certificate = certificate == null ? Optional.empty() : certificate;
    }

    public boolean overTls() {
        return certificate.isPresent();
    }
}
