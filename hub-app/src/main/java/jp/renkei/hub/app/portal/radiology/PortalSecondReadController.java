package jp.renkei.hub.app.portal.radiology;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.dicom.query.StudyAccess;
import jp.renkei.hub.dicom.secondread.SecondRead;
import jp.renkei.hub.dicom.secondread.SecondReadStatus;
import jp.renkei.hub.dicom.secondread.SecondReads;
import jp.renkei.hub.dicom.store.ImageIndex;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The requesting facility's second reads: ask another facility for a second read of one of its own studies,
 * follow the request, read the signed report and acknowledge it. Every move is {@link SecondReads}', the same
 * calls as {@code /api/second-reads/requests}; another facility's request is "not found". The URL rule admits
 * only {@code SECOND_READ_REQUESTERS}.
 */
@Controller
class PortalSecondReadController {

    /** A request as the list and the detail page show it. */
    record RequestRow(String id, String status, String statusLabel, String study, String readingFacility,
                      String question, String requestedAt, String claimedAt, String reportedAt,
                      String acknowledgedAt, String cancelledAt) {
    }

    /** A study the form offers. */
    record StudyOption(String uid, String label, boolean selected) {
    }

    /** A facility the form offers. */
    record FacilityOption(String id, String name, boolean selected) {
    }

    private static final int STUDY_CHOICES = 100;

    private final SecondReads secondReads;
    private final StudyAccess access;
    private final FacilityRegistry facilities;

    PortalSecondReadController(SecondReads secondReads, StudyAccess access, FacilityRegistry facilities) {
        this.secondReads = secondReads;
        this.access = access;
        this.facilities = facilities;
    }

    @GetMapping("/portal/second-reads")
    String list(HttpServletRequest request, Model model) {
        Requester requester = Requesters.current(request);
        model.addAttribute("requests", secondReads.requestsOf(RadiologyPages.principal(request)).stream()
                .map(r -> row(r, requester)).toList());
        return "portal/radiology/second-reads";
    }

    @GetMapping("/portal/second-reads/new")
    String form(@RequestParam(required = false) String study, HttpServletRequest request, Model model) {
        return form(study, null, null, Map.of(), request, model);
    }

    @PostMapping("/portal/second-reads")
    String request(@RequestParam(defaultValue = "") String study, @RequestParam(defaultValue = "") String reading,
                   @RequestParam(defaultValue = "") String question, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        try {
            SecondRead read = secondReads.request(study, reading, question, RadiologyPages.principal(request));
            return "redirect:/portal/second-reads/" + read.id();
        } catch (ApiException e) {
            if (e.status() == HttpStatus.BAD_REQUEST || e.status() == HttpStatus.NOT_FOUND) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                Map<String, String> errors = e.status() == HttpStatus.NOT_FOUND
                        ? Map.of("study", "radiology.field.study.error") : errorKeys(e);
                return form(study, reading, question, errors, request, model);
            }
            return RadiologyPages.refused(e, response, model);
        }
    }

    @GetMapping("/portal/second-reads/{id}")
    String detail(@PathVariable String id, HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<UUID> uuid = RadiologyPages.id(id);
        if (uuid.isEmpty()) {
            return RadiologyPages.notFound(response, model);
        }
        HubPrincipal principal = RadiologyPages.principal(request);
        try {
            SecondRead read = secondReads.requested(uuid.get(), principal);
            model.addAttribute("read", row(read, Requesters.current(request)));
            if (read.status() == SecondReadStatus.REPORTED || read.status() == SecondReadStatus.ACKNOWLEDGED) {
                SecondReads.SignedReport report = secondReads.signedReport(uuid.get(), principal);
                model.addAttribute("report", report);
                model.addAttribute("signedAt", RadiologyPages.time(report.signedAt()));
            }
            model.addAttribute("mayAcknowledge", read.status() == SecondReadStatus.REPORTED);
            model.addAttribute("mayCancel", read.status() == SecondReadStatus.REQUESTED);
            return "portal/radiology/second-read";
        } catch (ApiException e) {
            return RadiologyPages.refused(e, response, model);
        }
    }

    @PostMapping("/portal/second-reads/{id}/acknowledge")
    String acknowledge(@PathVariable String id, HttpServletRequest request, HttpServletResponse response,
                       Model model) {
        return move(id, request, response, model, true);
    }

    @PostMapping("/portal/second-reads/{id}/cancel")
    String cancel(@PathVariable String id, HttpServletRequest request, HttpServletResponse response, Model model) {
        return move(id, request, response, model, false);
    }

    private String move(String id, HttpServletRequest request, HttpServletResponse response, Model model,
                        boolean acknowledge) {
        Optional<UUID> uuid = RadiologyPages.id(id);
        if (uuid.isEmpty()) {
            return RadiologyPages.notFound(response, model);
        }
        try {
            if (acknowledge) {
                secondReads.acknowledge(uuid.get(), RadiologyPages.principal(request));
            } else {
                secondReads.cancel(uuid.get(), RadiologyPages.principal(request));
            }
            return "redirect:/portal/second-reads/" + uuid.get();
        } catch (ApiException e) {
            return RadiologyPages.refused(e, response, model);
        }
    }

    private String form(String study, String reading, String question, Map<String, String> errors,
                        HttpServletRequest request, Model model) {
        Requester requester = Requesters.current(request);
        List<StudyOption> studies = access.ofPatient(requester, "").stream().map(StudyAccess.Visible::study)
                .sorted(Comparator.comparing((ImageIndex.Study s) -> s.studyDate() == null ? "" : s.studyDate())
                        .reversed())
                .limit(STUDY_CHOICES)
                .map(s -> new StudyOption(s.studyUid(), studyLabel(s) + " (" + s.patientLocalId() + ")",
                        s.studyUid().equals(study)))
                .toList();
        String own = requester.facilityId();
        List<FacilityOption> readers = facilities.list(FacilityStatus.ACTIVE, null, null).stream()
                .filter(f -> !f.id().equals(own))
                .sorted(Comparator.comparing((Facility f) -> f.details().nameKana() == null ? ""
                        : f.details().nameKana()))
                .map(f -> new FacilityOption(f.id(), f.details().name(), f.id().equals(reading))).toList();
        model.addAttribute("studies", studies);
        model.addAttribute("readers", readers);
        model.addAttribute("question", question == null ? "" : question);
        model.addAttribute("errors", errors);
        return "portal/radiology/second-read-new";
    }

    private static Map<String, String> errorKeys(ApiException e) {
        java.util.LinkedHashMap<String, String> keys = new java.util.LinkedHashMap<>();
        for (String field : e.fieldErrors().keySet()) {
            String key = switch (field) {
                case "question" -> e.fieldErrors().get(field).startsWith("must not contain")
                        ? "radiology.field.question.identifying"
                        : e.fieldErrors().get(field).startsWith("is required") ? "radiology.field.question.required"
                        : "radiology.field.question.long";
                case "readingFacilityId" -> "radiology.field.reading.error";
                default -> "radiology.field.study.error";
            };
            keys.put(field.equals("readingFacilityId") ? "reading" : field, key);
        }
        return keys;
    }

    private RequestRow row(SecondRead read, Requester requester) {
        String study = access.study(requester, read.studyUid()).found().map(v -> studyLabel(v.study()))
                .orElse("");
        return new RequestRow(read.id().toString(), read.status().name(), "radiology.status." + read.status().name(),
                study, facilities.find(read.readingFacilityId()).map(f -> f.details().name()).orElse(""),
                read.question(), RadiologyPages.time(at(read.requested())), RadiologyPages.time(at(read.claimed())),
                RadiologyPages.time(at(read.reported())), RadiologyPages.time(at(read.acknowledged())),
                RadiologyPages.time(at(read.cancelled())));
    }

    private static java.time.Instant at(SecondRead.Step step) {
        return step == null ? null : step.at();
    }

    private static String studyLabel(ImageIndex.Study study) {
        String description = study.studyDescription() == null ? "" : " " + study.studyDescription();
        return PortalImagingController.date(study.studyDate()) + " " + String.join("/", study.modalities())
                + description;
    }
}
