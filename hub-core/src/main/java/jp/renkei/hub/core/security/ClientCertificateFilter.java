package jp.renkei.hub.core.security;

import java.io.IOException;
import java.security.cert.X509Certificate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.facility.FacilityRegistry;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a facility system by the TLS client certificate it presented. The certificate is checked
 * against the hub CA and the device registry on every request, so a revoked certificate stops working at
 * once, even on a connection that was set up before the revocation.
 */
public class ClientCertificateFilter extends OncePerRequestFilter {

    private static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private final DeviceCertificates devices;
    private final FacilityRegistry facilities;

    public ClientCertificateFilter(DeviceCertificates devices, FacilityRegistry facilities) {
        this.devices = devices;
        this.facilities = facilities;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(CERTIFICATE_ATTRIBUTE) instanceof X509Certificate[] chainPresented
                && chainPresented.length > 0) {
            var device = devices.authenticate(chainPresented[0]);
            if (device.isPresent() && !facilities.isActive(device.get().facilityId())) {
                request.setAttribute(RequestAttributes.DENIAL_REASON,
                        "facility " + device.get().facilityId() + " of this device is not active in the network");
            } else if (device.isPresent()) {
                HubPrincipal principal = device.get().toPrincipal();
                SecurityContextHolder.getContext().setAuthentication(new HubAuthentication(principal));
                request.setAttribute(RequestAttributes.PRINCIPAL, principal);
            } else {
                request.setAttribute(RequestAttributes.DENIAL_REASON,
                        "client certificate " + chainPresented[0].getSerialNumber().toString(16)
                                + " is not an active hub device certificate (revoked, expired or unknown)");
            }
        }
        chain.doFilter(request, response);
    }
}
