package jp.renkei.hub.regional.letter.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ProblemResponse;
import jp.renkei.hub.regional.letter.InvalidLetter;
import jp.renkei.hub.regional.letter.Letter;
import jp.renkei.hub.regional.letter.LetterConflict;
import jp.renkei.hub.regional.letter.LetterDraft;
import jp.renkei.hub.regional.letter.LetterNotFound;
import jp.renkei.hub.regional.letter.LetterRefused;
import jp.renkei.hub.regional.letter.LetterSection;
import jp.renkei.hub.regional.letter.LetterSignature;
import jp.renkei.hub.regional.letter.Letters;
import jp.renkei.hub.regional.letter.ReceivedFile;
import jp.renkei.hub.regional.signature.SignatureFormat;
import jp.renkei.hub.regional.signature.SigningKey;
import jp.renkei.hub.regional.signature.SigningKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Referral letters (診療情報提供書): write and send, the facility's inbox and sent letters, open, acknowledge, sign
 * with the author's PKCS#12 key, and upload a signed letter received from outside. A letter of other facilities
 * answers 404 exactly like one that does not exist.
 */
@RestController
@RequestMapping("/api/letters")
@Tag(name = "Referral letters", description = "診療情報提供書 between facilities, with HPKI signature verification")
public class LetterController {

    private final Letters letters;

    public LetterController(Letters letters) {
        this.letters = letters;
    }

    /** The letter as a doctor writes it: the sections keyed by {@link LetterSection} names. */
    public record SendRequest(String recipientFacilityId, String eventNumber, String title,
                              Map<String, String> sections, List<String> attachments) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<LetterViews.Detail> send(@RequestBody SendRequest request, HttpServletRequest http) {
        Map<LetterSection, String> sections = new EnumMap<>(LetterSection.class);
        if (request.sections() != null) {
            request.sections().forEach((name, text) -> {
                try {
                    sections.put(LetterSection.valueOf(name), text);
                } catch (IllegalArgumentException e) {
                    throw new InvalidLetter("sections." + name, "is not a section of a referral letter");
                }
            });
        }
        Letter letter = letters.send(requester(http), new LetterDraft(request.recipientFacilityId(),
                request.eventNumber(), request.title(), sections, request.attachments()));
        return ResponseEntity.status(HttpStatus.CREATED).body(LetterViews.detail(letter));
    }

    @PostMapping(path = "/received", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<LetterViews.Detail> receive(@RequestParam("file") MultipartFile file,
                                                      @RequestParam(value = "content", required = false) MultipartFile content,
                                                      @RequestParam(value = "senderName", required = false) String senderName,
                                                      @RequestParam(value = "title", required = false) String title,
                                                      @RequestParam(value = "eventNumber", required = false) String eventNumber,
                                                      HttpServletRequest http) throws IOException {
        Letter letter = letters.receive(requester(http), new ReceivedFile(file.getOriginalFilename(),
                file.getContentType(), file.getBytes(), content == null ? null : content.getBytes(), senderName,
                title, eventNumber));
        return ResponseEntity.status(HttpStatus.CREATED).body(LetterViews.detail(letter));
    }

    @GetMapping("/inbox")
    public List<LetterViews.Summary> inbox(HttpServletRequest http) {
        return letters.inbox(requester(http)).stream().map(LetterViews::summary).toList();
    }

    @GetMapping("/sent")
    public List<LetterViews.Summary> sent(HttpServletRequest http) {
        return letters.sent(requester(http)).stream().map(LetterViews::summary).toList();
    }

    @GetMapping("/{id}")
    public LetterViews.Detail open(@PathVariable String id, HttpServletRequest http) {
        return LetterViews.detail(letters.open(requester(http), uuid(id)));
    }

    /** The letter as its FHIR document Bundle (JP-CLINS eReferral), for letters written in the hub. */
    @GetMapping(path = "/{id}/document", produces = "application/fhir+json")
    public ResponseEntity<String> document(@PathVariable String id, HttpServletRequest http) {
        Letter letter = letters.open(requester(http), uuid(id));
        if (letter.document() == null) {
            throw new LetterNotFound();
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/fhir+json"))
                .body(letter.document());
    }

    @GetMapping("/{id}/signed-file")
    public ResponseEntity<byte[]> signedFile(@PathVariable String id, HttpServletRequest http) {
        return download(letters.signedFile(requester(http), uuid(id)));
    }

    /** The signed file as an attachment, its name reduced to safe characters (also for the portal's download). */
    public static ResponseEntity<byte[]> download(LetterSignature signature) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(signature.mediaType()))
                .header("Content-Disposition", "attachment; filename=\"" + signature.fileName()
                        .replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .body(signature.signedFile());
    }

    @PostMapping("/{id}/acknowledgement")
    public LetterViews.Detail acknowledge(@PathVariable String id, HttpServletRequest http) {
        return LetterViews.detail(letters.acknowledge(requester(http), uuid(id)));
    }

    /**
     * Signs the letter with the author's PKCS#12 key and password, given for this request only: both stay in
     * memory for the call and are overwritten after it, never stored or logged.
     */
    @PostMapping(path = "/{id}/signature", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public LetterViews.Detail sign(@PathVariable String id, @RequestParam("pkcs12") MultipartFile pkcs12,
                                   @RequestParam("password") String password,
                                   @RequestParam(value = "format", defaultValue = "XADES") String format,
                                   HttpServletRequest http) throws IOException {
        SignatureFormat chosen;
        try {
            chosen = SignatureFormat.valueOf(format);
        } catch (IllegalArgumentException e) {
            throw new InvalidLetter("format", "must be XADES or CADES");
        }
        try (SigningKey key = new SigningKey(pkcs12.getBytes(), password.toCharArray())) {
            return LetterViews.detail(letters.sign(requester(http), uuid(id), key, chosen));
        }
    }

    private static Requester requester(HttpServletRequest http) {
        return Requesters.current(http);
    }

    /** A malformed ID names no letter: the same 404 as an absent one. */
    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new LetterNotFound();
        }
    }

    @ExceptionHandler(LetterNotFound.class)
    ResponseEntity<ProblemDetail> notFound(LetterNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "letter not found", null);
    }

    @ExceptionHandler(InvalidLetter.class)
    ResponseEntity<ProblemDetail> invalid(InvalidLetter e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage(), Map.of(e.field(), e.problem()));
    }

    @ExceptionHandler(SigningKeyException.class)
    ResponseEntity<ProblemDetail> badKey(SigningKeyException e) {
        return problem(HttpStatus.BAD_REQUEST, "pkcs12: " + e.getMessage(), Map.of("pkcs12", e.getMessage()));
    }

    @ExceptionHandler(LetterRefused.class)
    ResponseEntity<ProblemDetail> refused(LetterRefused e) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage(), null);
    }

    @ExceptionHandler(LetterConflict.class)
    ResponseEntity<ProblemDetail> conflict(LetterConflict e) {
        return problem(HttpStatus.CONFLICT, e.getMessage(), null);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, Map<String, String> errors) {
        return ProblemResponse.of(status, detail, errors);
    }
}
