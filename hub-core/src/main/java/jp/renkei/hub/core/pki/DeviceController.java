package jp.renkei.hub.core.pki;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jp.renkei.hub.core.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A facility admin's management of the facility's systems and their client certificates. */
@RestController
@RequestMapping("/api/admin/facilities/{facilityId}/devices")
@Tag(name = "Devices", description = "Client certificates of facility systems (gateways, pharmacy systems, PACS forwarders)")
class DeviceController {

    private final DeviceCertificates devices;

    DeviceController(DeviceCertificates devices) {
        this.devices = devices;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue a device certificate from a CSR",
            description = "Registers the device (or renews the certificate of the active device of this name, "
                    + "revoking the previous one as superseded). The hub sets subject CN=<device id>, OU=<kind>, "
                    + "O=<facility id>, SAN urn:renkei:device:<device id> and EKU clientAuth.")
    IssuedDeviceCertificate issue(@PathVariable String facilityId,
                                  @Valid @RequestBody IssueDeviceCertificateRequest request,
                                  @AuthenticationPrincipal HubPrincipal admin) {
        return devices.issue(facilityId, request.name(), request.kind(), request.csrPem(), admin.id());
    }

    @GetMapping
    @Operation(summary = "List the facility's devices, active and revoked, with their latest certificate")
    List<Device> list(@PathVariable String facilityId) {
        return devices.list(facilityId);
    }

    @PostMapping("/{deviceId}/revoke")
    @Operation(summary = "Revoke a device and its certificate",
            description = "The certificate stops authenticating at once and is listed in the next CRL (/pki/crl).")
    Device revoke(@PathVariable String facilityId, @PathVariable UUID deviceId,
                  @Valid @RequestBody RevokeDeviceRequest request, @AuthenticationPrincipal HubPrincipal admin) {
        return devices.revoke(facilityId, deviceId, request.reason(), admin.id());
    }
}
