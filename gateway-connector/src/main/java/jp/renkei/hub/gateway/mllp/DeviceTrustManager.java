package jp.renkei.hub.gateway.mllp;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a client during the TLS handshake only when the CA trusts its chain AND it is an active sender
 * ({@link MllpSenders}): an unknown, revoked or superseded device certificate fails the handshake itself.
 */
final class DeviceTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager ca;
    private final MllpSenders senders;

    DeviceTrustManager(X509ExtendedTrustManager ca, MllpSenders senders) {
        this.ca = ca;
        this.senders = senders;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        ca.checkClientTrusted(chain, authType, socket);
        requireSender(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        ca.checkClientTrusted(chain, authType, engine);
        requireSender(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        ca.checkClientTrusted(chain, authType);
        requireSender(chain);
    }

    private void requireSender(X509Certificate[] chain) throws CertificateException {
        if (senders.facilityOf(chain[0]).isEmpty()) {
            throw new CertificateException("client certificate " + chain[0].getSerialNumber().toString(16)
                    + " is not an active gateway device certificate of an active facility (revoked, superseded or unknown)");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("the MLLP listener is a server only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("the MLLP listener is a server only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the MLLP listener is a server only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return ca.getAcceptedIssuers();
    }
}
