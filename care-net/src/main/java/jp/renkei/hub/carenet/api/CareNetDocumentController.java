package jp.renkei.hub.carenet.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.carenet.attachment.AttachmentStore.StoredBytes;
import jp.renkei.hub.carenet.document.CareDocument;
import jp.renkei.hub.carenet.document.DocumentTemplate;
import jp.renkei.hub.carenet.document.Documents;
import jp.renkei.hub.carenet.export.RoomRecords;
import jp.renkei.hub.carenet.partner.PartnerInstitutions;
import jp.renkei.hub.carenet.partner.PartnerList;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Care-net documents (主治医意見書, 訪問看護指示書・報告書), the room's PDF record and the facility's partner list
 * (様式19の3). Membership is checked by the services: a room or document the requester may not see answers 404
 * like a missing one.
 */
@RestController
@RequestMapping("/api/care-net")
@Tag(name = "Care-net documents", description = "Document templates and PDFs, the room record, partner institutions")
public class CareNetDocumentController {

    private final Documents documents;
    private final RoomRecords records;
    private final PartnerInstitutions partners;

    public CareNetDocumentController(Documents documents, RoomRecords records, PartnerInstitutions partners) {
        this.documents = documents;
        this.records = records;
        this.partners = partners;
    }

    @GetMapping("/document-templates")
    @Operation(summary = "The kinds of document, their sections and fields, and who writes them")
    public List<DocumentTemplate> templates() {
        return documents.templates();
    }

    @GetMapping("/rooms/{roomId}/documents")
    @Operation(summary = "The room's documents, every version, newest first (none for family members)")
    public List<DocumentView> list(@PathVariable String roomId, HttpServletRequest http) {
        return documents.list(id(roomId, "roomId"), Requesters.current(http)).stream().map(d -> DocumentView.of(d, roomId))
                .toList();
    }

    @PostMapping("/rooms/{roomId}/documents")
    @Operation(summary = "Write a document (or, with previousId, its next version): rendered to PDF and posted to the room")
    public ResponseEntity<DocumentView> create(@PathVariable String roomId, @RequestBody DocumentRequest request,
                                               HttpServletRequest http) {
        UUID previous = request.previousId() == null || request.previousId().isBlank() ? null
                : id(request.previousId(), "previousId");
        CareDocument document = documents.create(id(roomId, "roomId"), request.kind(), request.values(), previous,
                Requesters.current(http));
        DocumentView view = DocumentView.of(document, roomId);
        return ResponseEntity.created(URI.create(view.pdf().replace("/pdf", ""))).body(view);
    }

    @GetMapping("/rooms/{roomId}/documents/{documentId}")
    @Operation(summary = "A document version with its values (to prefill the next version)")
    public DocumentView get(@PathVariable String roomId, @PathVariable String documentId, HttpServletRequest http) {
        return DocumentView.of(documents.get(id(roomId, "roomId"), id(documentId, "documentId"),
                Requesters.current(http)), roomId);
    }

    @GetMapping("/rooms/{roomId}/documents/{documentId}/pdf")
    @Operation(summary = "A document version's PDF")
    public ResponseEntity<byte[]> pdf(@PathVariable String roomId, @PathVariable String documentId,
                                      HttpServletRequest http) {
        StoredBytes file = documents.pdf(id(roomId, "roomId"), id(documentId, "documentId"), Requesters.current(http));
        return download(file.fileName(), MediaType.APPLICATION_PDF, file.content());
    }

    @GetMapping("/rooms/{roomId}/record")
    @Operation(summary = "The room's record as PDF (applicant, caretaker, support centre): members, posts, comments, files")
    public ResponseEntity<byte[]> record(@PathVariable String roomId, HttpServletRequest http) {
        UUID room = id(roomId, "roomId");
        return download("care-room-" + room + ".pdf", MediaType.APPLICATION_PDF,
                records.pdf(room, Requesters.current(http)));
    }

    @GetMapping("/partners")
    @Operation(summary = "FACILITY_ADMIN: the institutions the acting facility shared information with in a period"
            + " (様式19の3 attachment); format=csv for the CSV (UTF-8 with BOM)")
    public ResponseEntity<?> partners(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                      @RequestParam(defaultValue = "json") String format, HttpServletRequest http) {
        PartnerList list = partners.list(from, to, Requesters.current(http));
        if ("csv".equals(format)) {
            return download(list.csvFileName(), new MediaType("text", "csv", StandardCharsets.UTF_8), list.csv());
        }
        if (!"json".equals(format)) {
            throw ApiException.invalid("format", "format は json か csv です");
        }
        return ResponseEntity.ok(list);
    }

    /** A document to write: its kind, the values by field code, and the version it continues. */
    public record DocumentRequest(String kind, Map<String, Object> values, String previousId) {
    }

    /** A document version as the API answers it. */
    public record DocumentView(UUID id, String kind, String title, UUID seriesId, int version, UUID postId,
                               Map<String, Object> values, String authorId, String authorName, String authorFacility,
                               Instant createdAt, String pdf) {

        static DocumentView of(CareDocument d, String roomId) {
            return new DocumentView(d.id(), d.kind(), d.title(), d.seriesId(), d.version(), d.postId(), d.values(),
                    d.authorId(), d.authorName(), d.authorFacility(), d.createdAt(),
                    "/api/care-net/rooms/" + roomId + "/documents/" + d.id() + "/pdf");
        }
    }

    static ResponseEntity<byte[]> download(String fileName, MediaType type, byte[] content) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(fileName, StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(content);
    }

    private static UUID id(String text, String field) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "'" + text + "' is not an ID");
        }
    }
}
