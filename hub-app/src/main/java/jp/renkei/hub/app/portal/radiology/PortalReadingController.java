package jp.renkei.hub.app.portal.radiology;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.dicom.secondread.SecondReadStatus;
import jp.renkei.hub.dicom.secondread.SecondReadWorklistController;
import jp.renkei.hub.dicom.secondread.SecondReadWorklistController.InstanceItem;
import jp.renkei.hub.dicom.secondread.SecondReadWorklistController.WorklistItem;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The reading facility's radiologists: the worklist of second reads addressed to their facility, claiming one,
 * the de-identified images (the released instances' previews: pixels only, under the request's pseudonym) and
 * writing and signing the report. Each step is the same call as {@code /api/second-reads/worklist}
 * ({@link SecondReadWorklistController}, hence {@code SecondReads}, {@code ReleasedStudies} and
 * {@code ReportSignature}): only requests addressed to the acting facility exist here, the images only for the
 * radiologist who claimed the request. Nothing on these pages names the patient, the requesting facility or the
 * original UIDs. The URL rule admits only radiologists.
 */
@Controller
class PortalReadingController {

    /** A worklist row. */
    record Row(String id, String pseudonym, String status, String statusLabel, String modalities, String bodyParts,
               String studyDate, int series, int instances, String question, String requestedAt, String claimedAt,
               boolean claimedByMe, boolean claimedByOther, String reportedAt) {
    }

    private final SecondReadWorklistController worklist;

    PortalReadingController(SecondReadWorklistController worklist) {
        this.worklist = worklist;
    }

    @GetMapping("/portal/reading")
    String worklist(@RequestParam(defaultValue = "false") boolean all, HttpServletRequest request,
                    HttpServletResponse response, Model model) {
        try {
            model.addAttribute("rows", worklist.worklist(all, RadiologyPages.principal(request)).stream()
                    .map(PortalReadingController::row).toList());
            model.addAttribute("all", all);
            return "portal/radiology/worklist";
        } catch (ApiException e) {
            return RadiologyPages.refused(e, response, model);
        }
    }

    @GetMapping("/portal/reading/{id}")
    String item(@PathVariable String id, @RequestParam(name = "i", defaultValue = "1") int position,
                HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        Optional<UUID> uuid = RadiologyPages.id(id);
        if (uuid.isEmpty()) {
            return RadiologyPages.notFound(response, model);
        }
        HubPrincipal principal = RadiologyPages.principal(request);
        try {
            WorklistItem item = worklist.get(uuid.get(), principal);
            Row row = row(item);
            model.addAttribute("item", row);
            boolean viewable = item.claimedByMe() && (item.status() == SecondReadStatus.IN_PROGRESS
                    || item.status() == SecondReadStatus.REPORTED);
            model.addAttribute("mayClaim", item.status() == SecondReadStatus.REQUESTED);
            model.addAttribute("mayReport", item.claimedByMe() && item.status() == SecondReadStatus.IN_PROGRESS);
            model.addAttribute("viewable", viewable);
            if (viewable) {
                List<InstanceItem> instances = worklist.instances(uuid.get(), principal).stream()
                        .filter(InstanceItem::releasable).toList();
                model.addAttribute("count", instances.size());
                if (!instances.isEmpty()) {
                    if (position < 1 || position > instances.size()) {
                        return RadiologyPages.notFound(response, model);
                    }
                    String base = "/portal/reading/" + uuid.get();
                    InstanceItem shown = instances.get(position - 1);
                    model.addAttribute("position", position);
                    model.addAttribute("image", base + "/images/" + shown.sopInstanceUid());
                    model.addAttribute("modality", shown.modality());
                    model.addAttribute("previous", position > 1 ? base + "?i=" + (position - 1) : null);
                    model.addAttribute("next", position < instances.size() ? base + "?i=" + (position + 1) : null);
                }
            }
            return "portal/radiology/reading";
        } catch (ApiException e) {
            return RadiologyPages.refused(e, response, model);
        }
    }

    @PostMapping("/portal/reading/{id}/claim")
    String claim(@PathVariable String id, HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<UUID> uuid = RadiologyPages.id(id);
        if (uuid.isEmpty()) {
            return RadiologyPages.notFound(response, model);
        }
        try {
            worklist.claim(uuid.get(), RadiologyPages.principal(request));
            return "redirect:/portal/reading/" + uuid.get();
        } catch (ApiException e) {
            return RadiologyPages.refused(e, response, model);
        }
    }

    @GetMapping("/portal/reading/{id}/images/{sop}")
    ResponseEntity<byte[]> image(@PathVariable String id, @PathVariable String sop, HttpServletRequest request)
            throws IOException {
        Optional<UUID> uuid = RadiologyPages.id(id);
        try {
            if (uuid.isPresent()) {
                ResponseEntity<byte[]> png = worklist.preview(uuid.get(), sop, RadiologyPages.principal(request));
                return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore())
                        .body(png.getBody());
            }
        } catch (ApiException e) {
            // not theirs, not claimed, not released, absent: no image
            return ResponseEntity.status(e.status() == HttpStatus.FORBIDDEN ? HttpStatus.FORBIDDEN
                    : HttpStatus.NOT_FOUND).build();
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
    }

    @GetMapping("/portal/reading/{id}/report")
    String reportForm(@PathVariable String id, HttpServletRequest request, HttpServletResponse response,
                      Model model) {
        return reportPage(id, "", "", Map.of(), request, response, model);
    }

    @PostMapping("/portal/reading/{id}/report")
    String sign(@PathVariable String id, @RequestParam(defaultValue = "") String findings,
                @RequestParam(defaultValue = "") String impression, HttpServletRequest request,
                HttpServletResponse response, Model model) {
        Optional<UUID> uuid = RadiologyPages.id(id);
        if (uuid.isEmpty()) {
            return RadiologyPages.notFound(response, model);
        }
        // both fields named at once (SecondReads checks them too, and stops at the first)
        java.util.LinkedHashMap<String, String> errors = new java.util.LinkedHashMap<>();
        if (findings.isBlank()) {
            errors.put("findings", "radiology.field.findings.required");
        }
        if (impression.isBlank()) {
            errors.put("impression", "radiology.field.impression.required");
        }
        try {
            if (errors.isEmpty()) {
                worklist.report(uuid.get(), new SecondReadWorklistController.NewReport(impression, findings),
                        RadiologyPages.principal(request));
                return "redirect:/portal/reading/" + uuid.get() + "?signed";
            }
        } catch (ApiException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                return RadiologyPages.refused(e, response, model);
            }
            e.fieldErrors().keySet().forEach(field -> errors.put(field.equals("conclusion") ? "impression" : field,
                    field.equals("conclusion") ? "radiology.field.impression.long" : "radiology.field.findings.long"));
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return reportPage(id, findings, impression, errors, request, response, model);
    }

    private String reportPage(String id, String findings, String impression, Map<String, String> errors,
                              HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<UUID> uuid = RadiologyPages.id(id);
        if (uuid.isEmpty()) {
            return RadiologyPages.notFound(response, model);
        }
        try {
            WorklistItem item = worklist.get(uuid.get(), RadiologyPages.principal(request));
            if (!item.claimedByMe() || item.status() != SecondReadStatus.IN_PROGRESS) {
                return "redirect:/portal/reading/" + uuid.get();
            }
            model.addAttribute("item", row(item));
            model.addAttribute("findings", findings);
            model.addAttribute("impression", impression);
            model.addAttribute("errors", errors);
            return "portal/radiology/report";
        } catch (ApiException e) {
            return RadiologyPages.refused(e, response, model);
        }
    }

    private static Row row(WorklistItem item) {
        return new Row(item.id(), item.pseudonym(), item.status().name(), "radiology.status." + item.status().name(),
                String.join(", ", item.modalities()), String.join(", ", item.bodyParts()),
                PortalImagingController.date(item.studyDate()), item.numberOfSeries(), item.numberOfInstances(),
                item.question(), RadiologyPages.time(item.requestedAt()), RadiologyPages.time(item.claimedAt()),
                item.claimedByMe(), item.claimedBy() != null && !item.claimedByMe(),
                RadiologyPages.time(item.reportedAt()));
    }
}
