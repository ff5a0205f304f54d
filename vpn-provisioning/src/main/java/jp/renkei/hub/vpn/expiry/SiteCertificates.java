package jp.renkei.hub.vpn.expiry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jp.renkei.hub.core.pki.Device;
import jp.renkei.hub.core.pki.DeviceCertificate;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.pki.DeviceKind;
import org.springframework.stereotype.Service;

/**
 * The certificates a site's onboarding depends on, from the device registry: the router's (IKE) and the
 * facility's gateway client certificates (TLS for MLLP and HTTPS). Only issued certificates of active devices count.
 */
@Service
public class SiteCertificates {

    private final DeviceCertificates devices;

    SiteCertificates(DeviceCertificates devices) {
        this.devices = devices;
    }

    /** The facility's active VPN router with its issued current certificate, if any. */
    public Optional<Device> router(String facilityId) {
        return current(facilityId, DeviceKind.VPN_ROUTER).stream().findFirst();
    }

    public Optional<CertificateState> routerState(String facilityId, Instant now) {
        return router(facilityId).map(device -> CertificateState.of(device, now));
    }

    /** The facility's active gateways' current certificates, by device name. */
    public List<CertificateState> gatewayStates(String facilityId, Instant now) {
        return current(facilityId, DeviceKind.GATEWAY).stream().map(device -> CertificateState.of(device, now)).toList();
    }

    private List<Device> current(String facilityId, DeviceKind kind) {
        return devices.list(facilityId).stream()
                .filter(d -> d.kind() == kind && d.status() == Device.Status.ACTIVE)
                .filter(d -> d.certificate() != null && d.certificate().status() == DeviceCertificate.Status.ISSUED)
                .toList();
    }
}
