package jp.renkei.hub.carenet.export;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.renkei.hub.carenet.CareNetAudit;
import jp.renkei.hub.carenet.attachment.Attachment;
import jp.renkei.hub.carenet.attachment.AttachmentStore;
import jp.renkei.hub.carenet.pdf.JapaneseFont;
import jp.renkei.hub.carenet.pdf.PdfComposer;
import jp.renkei.hub.carenet.post.Comment;
import jp.renkei.hub.carenet.post.Post;
import jp.renkei.hub.carenet.post.PostStore;
import jp.renkei.hub.carenet.room.Member;
import jp.renkei.hub.carenet.room.Room;
import jp.renkei.hub.carenet.room.RoomAccess;
import jp.renkei.hub.carenet.room.RoomStore;
import jp.renkei.hub.carenet.template.RecordedEntry;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A room's record as a PDF, kept before an idle or closed room is deleted: the room, every membership (with
 * staff changes), and every post oldest first with its structured entries, comments and the files it carried
 * (listed by name, type and size; their contents stay in the hub until deletion). For the room's applicant and
 * caretaker and for the support centre; other members get 403, non-members the 404 of an absent room.
 * Direct messages (特別便) belong to their participants and are not in the record.
 */
@Service
@Transactional(readOnly = true)
public class RoomRecords {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(JAPAN);
    private static final Map<String, String> PROFESSIONS = Map.ofEntries(Map.entry("DOCTOR", "医師"),
            Map.entry("RADIOLOGIST", "放射線科医"), Map.entry("DENTIST", "歯科医師"), Map.entry("PHARMACIST", "薬剤師"),
            Map.entry("NURSE", "看護師"), Map.entry("VISITING_NURSE", "訪問看護師"),
            Map.entry("CARE_MANAGER", "ケアマネジャー"), Map.entry("CARE_WORKER", "介護職員"),
            Map.entry("THERAPIST", "療法士"), Map.entry("SOCIAL_WORKER", "ソーシャルワーカー"),
            Map.entry("CLERK", "事務職員"), Map.entry("FACILITY_ADMIN", "施設管理者"),
            Map.entry("HUB_ADMIN", "支援センター"), Map.entry("FAMILY_MEMBER", "家族"));

    private final RoomStore rooms;
    private final RoomAccess access;
    private final PostStore posts;
    private final AttachmentStore attachments;
    private final FacilityRegistry facilities;
    private final JapaneseFont font;
    private final CareNetAudit audit;
    private final Clock clock;

    public RoomRecords(RoomStore rooms, RoomAccess access, PostStore posts, AttachmentStore attachments,
                       FacilityRegistry facilities, JapaneseFont font, CareNetAudit audit, Clock clock) {
        this.rooms = rooms;
        this.access = access;
        this.posts = posts;
        this.attachments = attachments;
        this.facilities = facilities;
        this.font = font;
        this.audit = audit;
        this.clock = clock;
    }

    /** The record as a PDF. */
    public byte[] pdf(UUID roomId, Requester requester) {
        Room room = exportable(roomId, requester);
        List<Member> members = rooms.members(roomId);
        List<Post> all = posts.everyPost(roomId);
        Map<UUID, List<Attachment>> files = attachments.ofPosts(all.stream().map(Post::id).toList());
        Map<UUID, List<Comment>> comments = all.stream().collect(Collectors.toMap(Post::id, p -> posts.comments(p.id())));
        Instant now = clock.instant();
        byte[] pdf = PdfComposer.write(font, "在宅ケア連携の記録 " + room.patientName(),
                "Renkei Hub 在宅ケア連携 部屋の記録 ・ 出力 " + MINUTE.format(now), out -> {
                    out.title(room.patientName() + " さんの部屋の記録");
                    out.note("出力 " + MINUTE.format(now) + " ・ 出力者 " + requester.principal().display()
                            + " ・ 部屋 ID " + room.id());
                    out.heading("部屋");
                    out.field("利用者", room.patientName() + (room.patientNameKana() == null ? ""
                            : "（" + room.patientNameKana() + "）"));
                    out.field("生年月日", room.patientBirthDate() == null ? "" : room.patientBirthDate().toString());
                    out.field("イベント番号", room.eventNumber() == null ? "紐付けなし" : room.eventNumber());
                    out.field("状態", RoomAccess.label(room.status()));
                    out.field("申請", at(room.appliedAt()) + " " + name(members, room.applicantId()));
                    out.field("承認・却下", at(room.decidedAt()));
                    out.field("閉鎖", at(room.closedAt()));
                    out.field("最後の更新", at(room.lastActivityAt()));
                    out.field("世話役", name(members, room.caretakerId()));
                    out.heading("メンバー（" + members.size() + " 件、入退室の記録を含む）");
                    for (Member m : members) {
                        out.field(m.displayName(), PROFESSIONS.getOrDefault(m.profession(), m.profession())
                                + (m.facilityId() == null ? "" : " ・ " + facilityName(m.facilityId()))
                                + " ・ 参加 " + at(m.addedAt())
                                + (m.current() ? "" : " ・ 退室 " + at(m.removedAt())
                                        + (m.removalReason() == null ? "" : "（" + m.removalReason() + "）")));
                    }
                    out.heading("投稿（" + all.size() + " 件、古い順）");
                    for (Post p : all) {
                        out.field(at(p.createdAt()) + "\n" + p.authorName() + "（"
                                + PROFESSIONS.getOrDefault(p.authorProfession(), p.authorProfession()) + "）",
                                post(p, files.getOrDefault(p.id(), List.of()), comments.get(p.id())));
                    }
                    out.space(8);
                    out.paragraph("特別便（メンバー間の個別のやりとり）は参加者だけのものなので、この記録には含みません。", 0);
                });
        audit.record(requester, AuditAction.READ, roomId, "room record", "room record exported as PDF: " + all.size()
                + " posts, " + comments.values().stream().mapToInt(List::size).sum() + " comments, "
                + files.values().stream().mapToInt(List::size).sum() + " files listed");
        return pdf;
    }

    private Room exportable(UUID roomId, Requester requester) {
        if (requester.has(HubRole.HUB_ADMIN)) {
            return rooms.find(roomId).orElseThrow(() -> RoomAccess.notFound(roomId));
        }
        Room room = access.require(roomId, requester, AuditAction.READ).room();
        if (!requester.id().equals(room.applicantId()) && !requester.id().equals(room.caretakerId())) {
            audit.refused(requester, AuditAction.READ, roomId, "room record", "not the applicant or caretaker");
            throw new ApiException(HttpStatus.FORBIDDEN, "部屋の記録（PDF）を出力できるのは申請者・世話役と支援センターです");
        }
        return room;
    }

    private static String post(Post p, List<Attachment> files, List<Comment> comments) {
        StringBuilder text = new StringBuilder("■ ").append(p.title())
                .append(p.sharedWithFamily() ? "（家族にも公開）" : "");
        if (!p.body().isBlank()) {
            text.append('\n').append(p.body());
        }
        for (RecordedEntry entry : p.entries()) {
            text.append("\n【").append(entry.title()).append("】 ").append(entry.values().stream()
                    .map(v -> v.label() + " " + v.value() + (v.unit() == null ? "" : " " + v.unit()))
                    .collect(Collectors.joining("、")));
        }
        for (Attachment file : files) {
            text.append("\n添付: ").append(file.fileName()).append("（").append(file.contentType()).append("、")
                    .append(String.format("%,d", file.sizeBytes())).append(" バイト）");
        }
        for (Comment comment : comments) {
            text.append("\nコメント ").append(at(comment.createdAt())).append(' ').append(comment.authorName())
                    .append(": ").append(comment.body());
        }
        return text.toString();
    }

    private String facilityName(String facilityId) {
        return facilities.find(facilityId).map(f -> f.details().name()).orElse(facilityId);
    }

    private static String name(List<Member> members, String personId) {
        return members.stream().filter(m -> m.personId().equals(personId)).map(Member::displayName).findFirst()
                .orElse(personId);
    }

    private static String at(Instant instant) {
        return instant == null ? "" : MINUTE.format(instant);
    }
}
