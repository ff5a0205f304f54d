package jp.renkei.hub.app.portal.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.pki.Device;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.pki.DeviceKind;
import jp.renkei.hub.core.pki.IssuedDeviceCertificate;
import jp.renkei.hub.core.pki.RevocationReason;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The acting facility's systems and their client certificates ({@code /portal/facility/devices}): the list, a
 * certificate issued from a CSR (a PEM file or pasted text), the certificate's download (PEM) and revocation with
 * a reason. Everything goes through {@link DeviceCertificates}, the service behind
 * {@code /api/admin/facilities/{id}/devices}; another facility's device is "not found" like an absent one.
 */
@Controller
class PortalDeviceController {

    /** The reasons an administrator gives (SUPERSEDED is the hub's own, on renewal). */
    static final java.util.List<RevocationReason> REASONS = Arrays.stream(RevocationReason.values())
            .filter(r -> r != RevocationReason.SUPERSEDED).toList();
    private static final int MAX_CSR_BYTES = 64 * 1024;

    private final DeviceCertificates devices;

    PortalDeviceController(DeviceCertificates devices) {
        this.devices = devices;
    }

    @GetMapping("/portal/facility/devices")
    String list(HttpServletRequest request, Model model) {
        return listPage(request, model);
    }

    @PostMapping("/portal/facility/devices")
    String issue(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String kind,
                 @RequestParam(defaultValue = "") String csrText,
                 @RequestParam(required = false) MultipartFile csrFile,
                 HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        String csr = csrText.strip();
        if (csrFile != null && !csrFile.isEmpty()) {
            if (csrFile.getSize() > MAX_CSR_BYTES) {
                return refuse(request, response, model, "admin.devices.error.csr");
            }
            csr = new String(csrFile.getBytes(), StandardCharsets.US_ASCII).strip();
        }
        Optional<DeviceKind> deviceKind = Arrays.stream(DeviceKind.values()).filter(k -> k.name().equals(kind)).findFirst();
        if (name.isBlank() || deviceKind.isEmpty() || csr.isEmpty()) {
            return refuse(request, response, model, "admin.devices.error.missing");
        }
        IssuedDeviceCertificate issued;
        try {
            issued = devices.issue(FacilityAdminPages.facilityId(request), name.strip(), deviceKind.get(), csr,
                    FacilityAdminPages.admin(request).id());
        } catch (ApiException e) {
            String message = e.status() == HttpStatus.BAD_REQUEST ? "admin.devices.error.csr"
                    : e.status() == HttpStatus.CONFLICT && String.valueOf(e.getMessage()).contains("revoke it")
                    ? "admin.devices.error.kind" : "admin.devices.error.facility";
            return refuse(request, response, model, message);
        }
        model.addAttribute("section", "devices");
        model.addAttribute("issued", issued);
        model.addAttribute("name", name.strip());
        return "portal/admin/device-issued";
    }

    @GetMapping("/portal/facility/devices/{deviceId}")
    String device(@PathVariable String deviceId, HttpServletRequest request, HttpServletResponse response,
                  Model model) {
        Optional<Device> device = find(request, deviceId);
        if (device.isEmpty()) {
            return FacilityAdminPages.notFound(response, model);
        }
        model.addAttribute("section", "devices");
        model.addAttribute("device", device.get());
        model.addAttribute("reasons", REASONS);
        return "portal/admin/device";
    }

    @GetMapping("/portal/facility/devices/{deviceId}/certificate")
    Object certificate(@PathVariable String deviceId, HttpServletRequest request, HttpServletResponse response,
                       Model model) throws IOException {
        Optional<UUID> id = uuid(deviceId);
        Optional<String> pem = id.flatMap(d -> devices.certificatePem(FacilityAdminPages.facilityId(request), d));
        if (pem.isEmpty()) {
            return FacilityAdminPages.notFound(response, model);
        }
        response.setContentType("application/x-pem-file");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("device-" + id.get() + ".crt").build().toString());
        byte[] bytes = pem.get().getBytes(StandardCharsets.US_ASCII);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        return null;
    }

    @PostMapping("/portal/facility/devices/{deviceId}/revoke")
    String revoke(@PathVariable String deviceId, @RequestParam(defaultValue = "") String reason,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<UUID> id = uuid(deviceId);
        Optional<RevocationReason> why = REASONS.stream().filter(r -> r.name().equals(reason)).findFirst();
        if (id.isEmpty()) {
            return FacilityAdminPages.notFound(response, model);
        }
        try {
            if (why.isEmpty()) {
                if (find(request, deviceId).isEmpty()) {
                    return FacilityAdminPages.notFound(response, model);
                }
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                String page = device(deviceId, request, response, model);
                model.addAttribute("error", "admin.devices.error.reason");
                return page;
            }
            devices.revoke(FacilityAdminPages.facilityId(request), id.get(), why.get(),
                    FacilityAdminPages.admin(request).id());
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return FacilityAdminPages.notFound(response, model);
            }
            String page = device(deviceId, request, response, model);
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("error", "admin.devices.error.revoked");
            return page;
        }
        return "redirect:/portal/facility/devices?revoked";
    }

    private String listPage(HttpServletRequest request, Model model) {
        model.addAttribute("section", "devices");
        model.addAttribute("devices", devices.list(FacilityAdminPages.facilityId(request)));
        model.addAttribute("kinds", DeviceKind.values());
        if (request.getParameter("revoked") != null) {
            model.addAttribute("notice", "admin.devices.done.revoked");
        }
        return "portal/admin/devices";
    }

    private String refuse(HttpServletRequest request, HttpServletResponse response, Model model, String error) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("error", error);
        return listPage(request, model);
    }

    private Optional<Device> find(HttpServletRequest request, String deviceId) {
        String facilityId = FacilityAdminPages.facilityId(request);
        return uuid(deviceId).flatMap(id -> devices.list(facilityId).stream()
                .filter(d -> d.deviceId().equals(id)).findFirst());
    }

    private static Optional<UUID> uuid(String text) {
        try {
            UUID id = UUID.fromString(text);
            return id.toString().equalsIgnoreCase(text) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
