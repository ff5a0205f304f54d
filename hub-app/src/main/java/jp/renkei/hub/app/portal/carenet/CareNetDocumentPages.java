package jp.renkei.hub.app.portal.carenet;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.carenet.attachment.AttachmentStore.StoredBytes;
import jp.renkei.hub.carenet.document.CareDocument;
import jp.renkei.hub.carenet.document.DocumentTemplate;
import jp.renkei.hub.carenet.document.Documents;
import jp.renkei.hub.carenet.export.RoomRecords;
import jp.renkei.hub.carenet.partner.PartnerInstitutions;
import jp.renkei.hub.carenet.partner.PartnerList;
import jp.renkei.hub.carenet.room.Room;
import jp.renkei.hub.carenet.room.Rooms;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Care-net documents in the portal: a room's documents (every version, PDF download), the form of a 主治医意見書,
 * 訪問看護指示書 or 訪問看護報告書 (a new version prefilled from the last), the room's PDF record, and the facility
 * administrator's partner list (様式19の3) with its CSV. Thin over {@link Documents}, {@link RoomRecords} and
 * {@link PartnerInstitutions}: a room or document the person may not see answers the same 404 page as an absent one.
 */
@Controller
class CareNetDocumentPages {

    private static final String FIELD = "v.";

    /** A document version as the list shows it. */
    record DocumentLine(String id, String kind, String title, int version, String author, String facility,
                        String writtenAt, boolean mayReopen) {
    }

    /** A kind the person may write. */
    record Kind(String kind, String title) {
    }

    /** What the form shows in its fields: the previous version's values, or what was typed. */
    record Filled(Map<String, List<String>> values) {

        public String text(String code) {
            List<String> value = values.get(code);
            return value == null || value.isEmpty() ? "" : value.get(0);
        }

        public boolean has(String code, String option) {
            return values.getOrDefault(code, List.of()).contains(option);
        }

        static Filled of(Map<String, Object> stored) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            stored.forEach((code, value) -> values.put(code, value instanceof Collection<?> c
                    ? c.stream().map(String::valueOf).toList() : List.of(String.valueOf(value))));
            return new Filled(values);
        }
    }

    private final Rooms rooms;
    private final Documents documents;
    private final RoomRecords records;
    private final PartnerInstitutions partners;

    CareNetDocumentPages(Rooms rooms, Documents documents, RoomRecords records, PartnerInstitutions partners) {
        this.rooms = rooms;
        this.documents = documents;
        this.records = records;
        this.partners = partners;
    }

    @GetMapping("/portal/care-net/rooms/{roomId}/documents")
    String list(@PathVariable String roomId, @RequestParam(required = false) String created,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        Requester requester = Requesters.current(request);
        UUID id = CareNetPages.id(roomId);
        if (id == null) {
            return CareNetPages.missing(response);
        }
        try {
            Room room = rooms.room(id, requester).room();
            List<CareDocument> found = documents.list(id, requester);
            List<DocumentTemplate> templates = documents.templates();
            model.addAttribute("room", room);
            model.addAttribute("documents", found.stream().map(d -> new DocumentLine(d.id().toString(), d.kind(),
                    d.title(), d.version(), d.authorName(), d.authorFacility(), CareNetPages.MINUTE.format(d.createdAt()),
                    templates.stream().anyMatch(t -> t.kind().equals(d.kind()) && t.writtenBy(requester)))).toList());
            model.addAttribute("kinds", templates.stream().filter(t -> t.writtenBy(requester))
                    .map(t -> new Kind(t.kind(), t.title())).toList());
            model.addAttribute("mayExport", requester.id().equals(room.applicantId())
                    || requester.id().equals(room.caretakerId()));
            model.addAttribute("created", found.stream().filter(d -> d.id().toString().equals(created))
                    .map(CareDocument::versionedTitle).findFirst().orElse(null));
            return "portal/carenet/documents";
        } catch (ApiException e) {
            return refused(e, response, model);
        }
    }

    @GetMapping("/portal/care-net/rooms/{roomId}/documents/new")
    String form(@PathVariable String roomId, @RequestParam(defaultValue = "") String kind,
                @RequestParam(required = false) String from, HttpServletRequest request, HttpServletResponse response,
                Model model) {
        Requester requester = Requesters.current(request);
        UUID id = CareNetPages.id(roomId);
        UUID previous = from == null || from.isBlank() ? null : CareNetPages.id(from);
        if (id == null || from != null && !from.isBlank() && previous == null) {
            return CareNetPages.missing(response);
        }
        try {
            Filled filled = new Filled(Map.of());
            CareDocument last = null;
            if (previous != null) {
                last = documents.get(id, previous, requester);
                filled = Filled.of(last.values());
                kind = last.kind();
            }
            return form(id, kind, last, filled, List.of(), requester, response, model);
        } catch (ApiException e) {
            return refused(e, response, model);
        }
    }

    @PostMapping("/portal/care-net/rooms/{roomId}/documents")
    String create(@PathVariable String roomId, @RequestParam MultiValueMap<String, String> params,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        Requester requester = Requesters.current(request);
        UUID id = CareNetPages.id(roomId);
        String kind = params.getFirst("kind");
        String previousText = params.getFirst("previousId");
        UUID previous = previousText == null || previousText.isBlank() ? null : CareNetPages.id(previousText);
        if (id == null || previousText != null && !previousText.isBlank() && previous == null) {
            return CareNetPages.missing(response);
        }
        Map<String, List<String>> typed = new LinkedHashMap<>();
        params.forEach((name, values) -> {
            if (name.startsWith(FIELD)) {
                typed.put(name.substring(FIELD.length()), values);
            }
        });
        try {
            DocumentTemplate template = documents.template(kind);
            Map<String, Object> values = new LinkedHashMap<>();
            typed.forEach((code, list) -> values.put(code, template.field(code)
                    .filter(f -> f.type() == jp.renkei.hub.carenet.document.FieldType.MULTI)
                    .<Object>map(f -> list).orElse(list.isEmpty() ? "" : list.get(0))));
            CareDocument document = documents.create(id, kind, values, previous, requester);
            return "redirect:/portal/care-net/rooms/" + id + "/documents?created=" + document.id();
        } catch (ApiException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                return refused(e, response, model);
            }
            List<String> errors = e.fieldErrors().isEmpty() ? List.of(e.getMessage()) : List.copyOf(e.fieldErrors().values());
            try {
                CareDocument last = previous == null ? null : documents.get(id, previous, requester);
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                String shown = form(id, kind, last, new Filled(typed), errors, requester, response, model);
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                return shown;
            } catch (ApiException again) {
                return refused(again, response, model);
            }
        }
    }

    @GetMapping("/portal/care-net/rooms/{roomId}/documents/{documentId}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String roomId, @PathVariable String documentId,
                               HttpServletRequest request) {
        UUID room = CareNetPages.id(roomId);
        UUID document = CareNetPages.id(documentId);
        if (room == null || document == null) {
            return ResponseEntity.notFound().build();
        }
        try {
            StoredBytes file = documents.pdf(room, document, Requesters.current(request));
            return download(file.fileName(), MediaType.APPLICATION_PDF, file.content());
        } catch (ApiException e) {
            return ResponseEntity.status(e.status()).build();
        }
    }

    @GetMapping("/portal/care-net/rooms/{roomId}/record")
    ResponseEntity<byte[]> record(@PathVariable String roomId, HttpServletRequest request) {
        UUID room = CareNetPages.id(roomId);
        if (room == null) {
            return ResponseEntity.notFound().build();
        }
        try {
            return download("care-room-" + room + ".pdf", MediaType.APPLICATION_PDF,
                    records.pdf(room, Requesters.current(request)));
        } catch (ApiException e) {
            return ResponseEntity.status(e.status()).build();
        }
    }

    @GetMapping("/portal/care-net/partners")
    String partners(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    HttpServletRequest request, HttpServletResponse response, Model model) {
        LocalDate today = LocalDate.now(CareNetPages.JAPAN);
        String fromText = from == null ? today.withDayOfMonth(1).toString() : from;
        String toText = to == null ? today.toString() : to;
        model.addAttribute("from", fromText);
        model.addAttribute("to", toText);
        try {
            PartnerList list = partners.list(date(fromText, "from"), date(toText, "to"), Requesters.current(request));
            model.addAttribute("list", list);
            model.addAttribute("errors", List.of());
        } catch (ApiException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                return refused(e, response, model);
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("list", null);
            model.addAttribute("errors", e.fieldErrors().isEmpty() ? List.of(e.getMessage())
                    : List.copyOf(e.fieldErrors().values()));
        }
        return "portal/carenet/partners";
    }

    @GetMapping("/portal/care-net/partners.csv")
    ResponseEntity<byte[]> partnersCsv(@RequestParam(required = false) String from,
                                       @RequestParam(required = false) String to, HttpServletRequest request) {
        try {
            PartnerList list = partners.list(date(from, "from"), date(to, "to"), Requesters.current(request));
            return download(list.csvFileName(), new MediaType("text", "csv", StandardCharsets.UTF_8), list.csv());
        } catch (ApiException e) {
            return ResponseEntity.status(e.status()).contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                    .body((e.fieldErrors().isEmpty() ? e.getMessage() : String.join("\n", e.fieldErrors().values()))
                            .getBytes(StandardCharsets.UTF_8));
        }
    }

    private String form(UUID roomId, String kind, CareDocument last, Filled filled, List<String> errors,
                        Requester requester, HttpServletResponse response, Model model) {
        Room room = rooms.room(roomId, requester).room();
        DocumentTemplate template = documents.template(kind);
        if (!template.writtenBy(requester)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "「" + template.title() + "」はあなたの職種では作成できません");
        }
        model.addAttribute("room", room);
        model.addAttribute("template", template);
        model.addAttribute("previous", last);
        model.addAttribute("filled", filled);
        model.addAttribute("errors", errors);
        return "portal/carenet/document-form";
    }

    private static LocalDate date(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "日付は 2026-12-03 の形で入力してください（入力値: " + text + "）");
        }
    }

    private static ResponseEntity<byte[]> download(String fileName, MediaType type, byte[] content) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(fileName, StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(content);
    }

    /** 404: the page of an absent room; anything else the domain refused: its Japanese sentence. */
    private static String refused(ApiException e, HttpServletResponse response, Model model) {
        if (e.status() == HttpStatus.NOT_FOUND) {
            return CareNetPages.missing(response);
        }
        response.setStatus(e.status().value());
        model.addAttribute("message", e.fieldErrors().isEmpty() ? e.getMessage()
                : String.join(" ", e.fieldErrors().values()));
        return "portal/carenet/refused";
    }
}
