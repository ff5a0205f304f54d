package jp.renkei.hub.app.portal.pharmacy;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.gateway.jahis.JahisUpload;
import jp.renkei.hub.gateway.jahis.JahisUpload.PatientRef;
import jp.renkei.hub.gateway.jahis.JahisUpload.UploadRefused;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * A pharmacy's upload of an e-medication-notebook (JAHIS) file ({@code /portal/pharmacy/notebook}): the form, then
 * the result in Japanese ({@link NotebookResult}). The upload is {@link JahisUpload}, the same service as
 * {@code /api/gateway/jahis}: a person of a facility that is not a pharmacy gets the 403 page, as the API answers.
 */
@Controller
class NotebookUploadController {

    static final String PATH = "/portal/pharmacy/notebook";

    private final JahisUpload upload;

    NotebookUploadController(JahisUpload upload) {
        this.upload = upload;
    }

    @GetMapping(PATH)
    String form(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!upload.mayUpload(Requesters.current(request))) {
            return denied(response, model);
        }
        return formPage(model);
    }

    @PostMapping(PATH)
    String upload(@RequestParam(required = false) MultipartFile file,
                  @RequestParam(defaultValue = "") String eventNumber,
                  @RequestParam(defaultValue = "") String patientId,
                  HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        Requester requester = Requesters.current(request);
        if (!upload.mayUpload(requester)) {
            return denied(response, model);
        }
        model.addAttribute("eventNumber", eventNumber);
        model.addAttribute("patientId", patientId);
        if (file == null || file.isEmpty()) {
            return refused(response, model, HttpServletResponse.SC_BAD_REQUEST, "notebook.error.EMPTY");
        }
        if (file.getSize() > JahisUpload.MAX_BYTES) {
            // refused before reading the whole file into memory
            return refused(response, model, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "notebook.error.TOO_LARGE");
        }
        try {
            JahisUpload.Uploaded uploaded = upload.upload(requester, file.getOriginalFilename(), file.getBytes(),
                    new PatientRef(patientId, eventNumber));
            NotebookResult result = NotebookResult.of(uploaded);
            if (!result.stored()) {
                response.setStatus(422);
            }
            model.addAttribute("result", result);
            return "portal/pharmacy/notebook-result";
        } catch (UploadRefused e) {
            return switch (e.refusal()) {
                case NOT_A_PHARMACY -> denied(response, model);
                case TOO_LARGE -> refused(response, model, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                        "notebook.error.TOO_LARGE");
                default -> refused(response, model, HttpServletResponse.SC_BAD_REQUEST,
                        "notebook.error." + e.refusal().name());
            };
        }
    }

    private static String formPage(Model model) {
        model.addAttribute("maxKilobytes", JahisUpload.MAX_BYTES / 1024);
        return "portal/pharmacy/notebook";
    }

    private static String refused(HttpServletResponse response, Model model, int status, String message) {
        response.setStatus(status);
        model.addAttribute("error", message);
        return formPage(model);
    }

    /** The same Japanese page as a page the person's role does not open (403). */
    private static String denied(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("reason", "role");
        return "portal/denied";
    }
}
