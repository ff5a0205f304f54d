package jp.renkei.hub.app.portal.letter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.regional.letter.AttachedRecord;
import jp.renkei.hub.regional.letter.InvalidLetter;
import jp.renkei.hub.regional.letter.Letter;
import jp.renkei.hub.regional.letter.LetterConflict;
import jp.renkei.hub.regional.letter.LetterDraft;
import jp.renkei.hub.regional.letter.LetterNotFound;
import jp.renkei.hub.regional.letter.LetterRefused;
import jp.renkei.hub.regional.letter.LetterSection;
import jp.renkei.hub.regional.letter.Letters;
import jp.renkei.hub.regional.letter.PatientRecords;
import jp.renkei.hub.regional.letter.ReceivedFile;
import jp.renkei.hub.regional.signature.SignatureFormat;
import jp.renkei.hub.regional.signature.SigningKey;
import jp.renkei.hub.regional.signature.SigningKeyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The portal's referral letters ({@code /portal/letters}): the facility's inbox and sent letters, a letter with
 * its sections, attachments and signature check, the compose form, signing with the author's PKCS#12 key and the
 * upload of a signed letter received from outside. Thin: every decision is {@link Letters}'; a letter of other
 * facilities gets the same 404 page as one that does not exist.
 */
@Controller
class LetterPages {

    static final String PATH = "/portal/letters";

    private final Letters letters;
    private final PatientRecords records;
    private final FacilityRegistry facilities;

    LetterPages(Letters letters, PatientRecords records, FacilityRegistry facilities) {
        this.letters = letters;
        this.records = records;
        this.facilities = facilities;
    }

    @GetMapping(PATH)
    String lists(HttpServletRequest request, Model model) {
        Requester requester = Requesters.current(request);
        model.addAttribute("inbox", letters.inbox(requester));
        model.addAttribute("sent", letters.sent(requester));
        model.addAttribute("mayWrite", Letters.WRITERS.stream().anyMatch(requester::has));
        model.addAttribute("names", facilityNames());
        return "portal/letter/list";
    }

    @GetMapping(PATH + "/{id}")
    String view(@PathVariable String id, HttpServletRequest request, Model model) {
        Requester requester = Requesters.current(request);
        Letter letter = letters.open(requester, uuid(id));
        return letterPage(requester, letter, model);
    }

    @GetMapping(PATH + "/{id}/signed-file")
    org.springframework.http.ResponseEntity<byte[]> signedFile(@PathVariable String id, HttpServletRequest request) {
        return jp.renkei.hub.regional.letter.api.LetterController.download(
                letters.signedFile(Requesters.current(request), uuid(id)));
    }

    @PostMapping(PATH + "/{id}/acknowledgement")
    String acknowledge(@PathVariable String id, HttpServletRequest request) {
        letters.acknowledge(Requesters.current(request), uuid(id));
        return "redirect:" + PATH + "/" + id;
    }

    @PostMapping(PATH + "/{id}/signature")
    String sign(@PathVariable String id, @RequestParam(required = false) MultipartFile pkcs12,
                @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "XADES") String format,
                HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        Requester requester = Requesters.current(request);
        UUID letterId = uuid(id);
        String error = null;
        if (pkcs12 == null || pkcs12.isEmpty()) {
            error = "letters.error.pkcs12";
        } else {
            try (SigningKey key = new SigningKey(pkcs12.getBytes(), password.toCharArray())) {
                letters.sign(requester, letterId, key, "CADES".equals(format) ? SignatureFormat.CADES
                        : SignatureFormat.XADES);
                return "redirect:" + PATH + "/" + id;
            } catch (SigningKeyException e) {
                error = "letters.error.pkcs12";
            } catch (LetterConflict e) {
                error = "letters.error.signed";
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("signError", error);
        return letterPage(requester, letters.open(requester, letterId), model);
    }

    @GetMapping(PATH + "/new")
    String compose(@RequestParam(defaultValue = "") String eventNumber, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        Requester requester = Requesters.current(request);
        if (Letters.WRITERS.stream().noneMatch(requester::has)) {
            throw new LetterRefused("not a writer");
        }
        model.addAttribute("form", Map.of());
        model.addAttribute("chosen", List.of());
        return composePage(requester, eventNumber, response, model);
    }

    @PostMapping(PATH)
    String send(@RequestParam Map<String, String> form,
                @RequestParam(name = "attachments", required = false) List<String> attachments,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        Requester requester = Requesters.current(request);
        Map<LetterSection, String> sections = new EnumMap<>(LetterSection.class);
        for (LetterSection section : LetterSection.values()) {
            sections.put(section, form.getOrDefault(section.name(), ""));
        }
        try {
            Letter letter = letters.send(requester, new LetterDraft(form.get("recipientFacilityId"),
                    form.get("eventNumber"), form.get("title"), sections, attachments));
            return "redirect:" + PATH + "/" + letter.id();
        } catch (InvalidLetter e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", errorKey(e.field()));
            model.addAttribute("errorField", e.field());
            model.addAttribute("form", form);
            model.addAttribute("chosen", attachments == null ? List.of() : attachments);
            return composePage(requester, form.getOrDefault("eventNumber", ""), response, model);
        }
    }

    @GetMapping(PATH + "/received")
    String receiveForm(Model model) {
        model.addAttribute("form", Map.of());
        return "portal/letter/receive";
    }

    @PostMapping(PATH + "/received")
    String receive(@RequestParam(required = false) MultipartFile file,
                   @RequestParam(required = false) MultipartFile content, @RequestParam Map<String, String> form,
                   HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        try {
            Letter letter = letters.receive(Requesters.current(request), new ReceivedFile(
                    file == null ? null : file.getOriginalFilename(), file == null ? null : file.getContentType(),
                    file == null ? null : file.getBytes(),
                    content == null || content.isEmpty() ? null : content.getBytes(), form.get("senderName"),
                    form.get("title"), form.get("eventNumber")));
            return "redirect:" + PATH + "/" + letter.id();
        } catch (InvalidLetter e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", errorKey(e.field()));
            model.addAttribute("form", form);
            return "portal/letter/receive";
        }
    }

    @ExceptionHandler(LetterNotFound.class)
    String absent(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "portal/letter/absent";
    }

    @ExceptionHandler(LetterRefused.class)
    String refused(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("reason", "role");
        return "portal/denied";
    }

    private String letterPage(Requester requester, Letter letter, Model model) {
        model.addAttribute("letter", letter);
        model.addAttribute("sections", sectionsOf(letter));
        model.addAttribute("verification", letter.signature().map(s -> s.verification()).orElse(null));
        model.addAttribute("mayAcknowledge", letter.addressedTo(requester.facilityId())
                && letter.status() != jp.renkei.hub.regional.letter.LetterStatus.ACKNOWLEDGED);
        model.addAttribute("maySign", letter.signature().isEmpty() && requester.id().equals(letter.senderPersonId()));
        model.addAttribute("names", facilityNames());
        return "portal/letter/view";
    }

    private String composePage(Requester requester, String eventNumber, HttpServletResponse response, Model model) {
        model.addAttribute("sectionList", List.of(LetterSection.values()));
        model.addAttribute("recipients", facilities.list(FacilityStatus.ACTIVE, null, null).stream()
                .filter(f -> !f.id().equals(requester.facilityId())).toList());
        model.addAttribute("eventNumber", eventNumber);
        List<AttachedRecord> attachable = List.of();
        if (!eventNumber.isBlank()) {
            Optional<EventNumber> number = parse(eventNumber);
            Optional<List<AttachedRecord>> found = number.flatMap(n -> records.attachable(requester, n))
                    .map(list -> list.stream().map(Letters::attachedRecord).toList());
            if (found.isEmpty() && model.getAttribute("error") == null) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                model.addAttribute("error", "letters.error.eventNumber");
            }
            attachable = found.orElse(List.of());
        }
        model.addAttribute("attachable", attachable);
        return "portal/letter/compose";
    }

    private static Optional<EventNumber> parse(String text) {
        try {
            return Optional.of(EventNumber.parse(text));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    private Map<String, String> facilityNames() {
        Map<String, String> names = new java.util.HashMap<>();
        facilities.list(null, null, null).forEach((Facility f) -> names.put(f.id(), f.details().name()));
        return names;
    }

    private static List<Map.Entry<LetterSection, String>> sectionsOf(Letter letter) {
        return letter.sections().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
    }

    /** The Japanese sentence for a field the domain refused: one per kind of field. */
    static String errorKey(String field) {
        String kind = field.replaceAll("\\[\\d+]$", "").replaceAll("^sections\\..*", "sections");
        return switch (kind) {
            case "recipientFacilityId", "eventNumber", "sections", "attachments", "title", "file", "senderName" ->
                    "letters.error." + kind;
            default -> "letters.error.other";
        };
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new LetterNotFound();
        }
    }
}
