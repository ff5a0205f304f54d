package jp.renkei.hub.carenet.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jp.renkei.hub.carenet.attachment.Attachment;
import jp.renkei.hub.carenet.post.PinColour;
import jp.renkei.hub.carenet.post.PostView;
import jp.renkei.hub.carenet.room.Member;
import jp.renkei.hub.carenet.room.MemberKind;
import jp.renkei.hub.carenet.room.Room;
import jp.renkei.hub.carenet.room.RoomStatus;
import jp.renkei.hub.carenet.template.RecordedEntry;
import jp.renkei.hub.core.patient.EventNumber;

/** What the care-net API answers. */
public final class CareNetViews {

    private CareNetViews() {
    }

    public record RoomView(UUID id, String patientName, String patientNameKana, LocalDate patientBirthDate,
                           String eventNumber, RoomStatus status, String applicantId, String applicantFacilityId,
                           String caretakerId, FormView scannedForm, Instant appliedAt, Instant decidedAt,
                           String decisionReason, Instant closedAt, Instant lastActivityAt, List<MemberView> members) {

        static RoomView of(Room room, List<Member> members) {
            return new RoomView(room.id(), room.patientName(), room.patientNameKana(), room.patientBirthDate(),
                    room.eventNumber() == null ? null : new EventNumber(room.eventNumber()).formatted(), room.status(),
                    room.applicantId(), room.applicantFacilityId(), room.caretakerId(),
                    new FormView(room.formContentType(), room.formSizeBytes()), room.appliedAt(), room.decidedAt(),
                    room.decisionReason(), room.closedAt(), room.lastActivityAt(),
                    members == null ? null : members.stream().map(MemberView::of).toList());
        }
    }

    public record FormView(String contentType, int sizeBytes) {
    }

    /** A membership; removed ones stay listed with who removed them when (the log of staff changes). */
    public record MemberView(String personId, String displayName, String profession, String facilityId,
                             MemberKind kind, boolean proposed, Instant addedAt, String addedBy, Instant removedAt,
                             String removedBy, String removalReason) {

        static MemberView of(Member m) {
            return new MemberView(m.personId(), m.displayName(), m.profession(), m.facilityId(), m.kind(),
                    m.proposed(), m.addedAt(), m.addedBy(), m.removedAt(), m.removedBy(), m.removalReason());
        }
    }

    public record PostJson(UUID id, UUID roomId, String authorId, String authorName, String authorProfession,
                           String title, String body, List<RecordedEntry> entries, boolean sharedWithFamily,
                           Instant createdAt, List<Attachment> attachments, int commentCount, int readCount,
                           int audience, String readLabel, boolean unread, PinColour pin) {

        static PostJson of(PostView v) {
            var p = v.post();
            return new PostJson(p.id(), p.roomId(), p.authorId(), p.authorName(), p.authorProfession(), p.title(),
                    p.body(), p.entries(), p.sharedWithFamily(), p.createdAt(), v.attachments(), v.commentCount(),
                    v.readCount(), v.audience(), v.readLabel(), v.unread(), v.pin());
        }
    }
}
