package jp.renkei.hub.carenet.document;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.renkei.hub.carenet.CareNetAudit;
import jp.renkei.hub.carenet.attachment.AttachmentStore.StoredBytes;
import jp.renkei.hub.carenet.attachment.FileKind;
import jp.renkei.hub.carenet.attachment.SanitisedFile;
import jp.renkei.hub.carenet.pdf.JapaneseFont;
import jp.renkei.hub.carenet.post.PostView;
import jp.renkei.hub.carenet.post.Posts;
import jp.renkei.hub.carenet.room.RoomAccess;
import jp.renkei.hub.carenet.room.RoomAccess.MemberInRoom;
import jp.renkei.hub.carenet.room.RoomStore;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Documents of a room (主治医意見書, 訪問看護指示書, 訪問看護報告書): filled in against their template, rendered to a
 * PDF with a Japanese font and posted to the room as that PDF, so members find it in the timeline like any file.
 * Re-opening a document writes a new version of the same series; every version is kept. Documents are for the
 * care team: family members see none (404, like a document that does not exist).
 */
@Service
@Transactional
public class Documents {

    private static final Map<HubRole, String> AUTHOR_LABELS = Map.of(HubRole.DOCTOR, "医師",
            HubRole.VISITING_NURSE, "訪問看護師", HubRole.NURSE, "看護師", HubRole.CARE_MANAGER, "ケアマネジャー",
            HubRole.PHARMACIST, "薬剤師", HubRole.THERAPIST, "療法士");

    private final DocumentStore store;
    private final DocumentTemplates templates;
    private final RoomAccess access;
    private final RoomStore rooms;
    private final Posts posts;
    private final FacilityRegistry facilities;
    private final JapaneseFont font;
    private final CareNetAudit audit;
    private final Clock clock;

    public Documents(DocumentStore store, DocumentTemplates templates, RoomAccess access, RoomStore rooms, Posts posts,
                     FacilityRegistry facilities, JapaneseFont font, CareNetAudit audit, Clock clock) {
        this.store = store;
        this.templates = templates;
        this.access = access;
        this.rooms = rooms;
        this.posts = posts;
        this.facilities = facilities;
        this.font = font;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<DocumentTemplate> templates() {
        return templates.list();
    }

    /**
     * Writes a document, or a new version of {@code previousId}'s document, in an OPEN room: checks the values,
     * renders the PDF, posts it to the room and keeps the values for the next version. Nothing is written when
     * anything is refused (not a member: 404; not an author of this kind: 403; bad values: 400).
     */
    public CareDocument create(UUID roomId, String kind, Map<String, ?> values, UUID previousId, Requester requester) {
        MemberInRoom member = access.requireWritable(roomId, requester, AuditAction.CREATE);
        DocumentTemplate template = template(kind);
        if (!template.writtenBy(requester)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "「" + template.title() + "」を作成できるのは "
                    + template.authors().stream().map(r -> AUTHOR_LABELS.getOrDefault(r, r.name()))
                    .collect(Collectors.joining("・")) + " です");
        }
        UUID series = UUID.randomUUID();
        int version = 1;
        if (previousId != null) {
            CareDocument previous = visible(member, previousId, requester);
            if (!previous.kind().equals(template.kind())) {
                throw ApiException.invalid("previousId", "前の版は「" + previous.title() + "」です。同じ種類の文書として作成してください");
            }
            rooms.findForUpdate(roomId); // one new version of a room's documents at a time
            series = previous.seriesId();
            version = store.latestVersion(series) + 1;
        }
        Map<String, Object> kept = DocumentForm.fill(template, values);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String facility = facilities.find(requester.facilityId()).map(f -> f.details().name())
                .orElse(requester.facilityId());
        CareDocument draft = new CareDocument(UUID.randomUUID(), roomId, template.kind(), template.title(), series,
                version, null, null, kept, requester.id(), member.member().displayName(), facility, now);
        byte[] pdf = DocumentPdf.render(font, template, member.room(), draft);
        String fileName = template.title() + "_第" + version + "版_" + now.atZone(ZoneId.of("Asia/Tokyo")).toLocalDate() + ".pdf";
        PostView post = posts.createWithGeneratedFile(roomId, draft.versionedTitle(), template.title() + " 第 "
                + version + " 版を作成しました（PDF）。", new SanitisedFile(fileName, FileKind.PDF, pdf, null), requester);
        CareDocument document = new CareDocument(draft.id(), roomId, draft.kind(), draft.title(), series, version,
                post.post().id(), post.attachments().get(0).id(), kept, draft.authorId(), draft.authorName(), facility,
                now);
        store.insert(document);
        audit.record(requester, AuditAction.CREATE, roomId, "document", "document " + document.id() + " ("
                + template.kind() + ") version " + version + " written, " + pdf.length + " bytes of PDF in post "
                + post.post().id());
        return document;
    }

    /** The room's documents, newest first; none for family members. */
    @Transactional(readOnly = true)
    public List<CareDocument> list(UUID roomId, Requester requester) {
        MemberInRoom member = access.require(roomId, requester, AuditAction.SEARCH);
        List<CareDocument> documents = member.family() ? List.of() : store.ofRoom(roomId);
        audit.record(requester, AuditAction.SEARCH, roomId, "documents", documents.size() + " documents listed");
        return documents;
    }

    /** A version with its values (to read, or to prefill the next version). */
    @Transactional(readOnly = true)
    public CareDocument get(UUID roomId, UUID documentId, Requester requester) {
        MemberInRoom member = access.require(roomId, requester, AuditAction.READ);
        CareDocument document = visible(member, documentId, requester);
        audit.record(requester, AuditAction.READ, roomId, "document", "document " + documentId + " read");
        return document;
    }

    /** A version's PDF, as posted to the room. */
    @Transactional(readOnly = true)
    public StoredBytes pdf(UUID roomId, UUID documentId, Requester requester) {
        CareDocument document = get(roomId, documentId, requester);
        return posts.file(roomId, document.postId(), document.attachmentId(), false, requester);
    }

    public DocumentTemplate template(String kind) {
        return templates.find(kind == null ? "" : kind).orElseThrow(() -> ApiException.invalid("kind",
                "文書の種類「" + kind + "」はありません。使えるもの: " + templates.list().stream()
                        .map(t -> t.kind() + "（" + t.title() + "）").collect(Collectors.joining("、"))));
    }

    private CareDocument visible(MemberInRoom member, UUID documentId, Requester requester) {
        CareDocument document = store.find(member.room().id(), documentId).orElse(null);
        if (document == null || member.family()) {
            if (document != null) {
                audit.refused(requester, AuditAction.READ, member.room().id(), "document",
                        "family member asked for document " + documentId);
            }
            throw ApiException.notFound("care-net document " + documentId);
        }
        return document;
    }
}
