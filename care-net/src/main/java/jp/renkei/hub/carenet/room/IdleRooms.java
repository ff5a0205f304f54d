package jp.renkei.hub.carenet.room;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jp.renkei.hub.carenet.CareNetAudit;
import jp.renkei.hub.carenet.mail.CareNetMailer;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rooms with no activity (post, comment, member change, status change) for a year: listed to the support
 * centre, their applicant and caretaker told by mail, and deleted only after that notice and the support
 * centre's explicit confirmation — and only while still idle, so a post written after the notice saves the room.
 */
@Service
@Transactional
public class IdleRooms {

    public static final Duration IDLE_AFTER = Duration.ofDays(365);

    private final RoomStore store;
    private final CareNetMailer mailer;
    private final CareNetAudit audit;
    private final Clock clock;

    public IdleRooms(RoomStore store, CareNetMailer mailer, CareNetAudit audit, Clock clock) {
        this.store = store;
        this.mailer = mailer;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Room> list(Requester requester) {
        requireSupportCentre(requester);
        List<Room> rooms = store.idleSince(clock.instant().minus(IDLE_AFTER));
        audit.record(requester, AuditAction.SEARCH, null, "rooms", rooms.size() + " rooms idle for a year listed");
        return rooms;
    }

    /** Mails the applicant and the caretaker; returns how many mails were sent. */
    public int notifyOwners(UUID roomId, Requester requester) {
        Room room = idle(roomId, requester);
        int sent = mailer.sendIdleNotice(List.of(room.applicantId(), room.caretakerId()));
        if (sent == 0) {
            throw ApiException.conflict("申請者と世話役にメールを送れませんでした（SMTP の設定、または両者のアカウントを確認してください）");
        }
        store.markIdleNotified(roomId, now());
        audit.record(requester, AuditAction.UPDATE, roomId, "room", "idle-room notice mailed to applicant and caretaker");
        return sent;
    }

    /** Deletes an idle room whose owners were told since its last activity; {@code confirm} repeats its ID. */
    public void delete(UUID roomId, String confirm, Requester requester) {
        Room room = idle(roomId, requester);
        if (!roomId.toString().equals(confirm)) {
            throw ApiException.invalid("confirm", "削除の確認として部屋の ID を入力してください");
        }
        boolean told = store.idleNotifiedAt(roomId).filter(at -> at.isAfter(room.lastActivityAt())).isPresent();
        if (!told) {
            throw ApiException.conflict("申請者と世話役への通知（POST …/idle-notice）がまだです。通知のあとに削除できます");
        }
        store.delete(roomId);
        audit.record(requester, AuditAction.DELETE, roomId, "room", "room idle since " + room.lastActivityAt()
                + " deleted with its posts, files and members");
    }

    private Room idle(UUID roomId, Requester requester) {
        requireSupportCentre(requester);
        Room room = store.findForUpdate(roomId).orElseThrow(() -> RoomAccess.notFound(roomId));
        if (!room.lastActivityAt().isBefore(clock.instant().minus(IDLE_AFTER))) {
            throw ApiException.conflict("この部屋は最後の更新（" + room.lastActivityAt() + "）から 1 年たっていません");
        }
        return room;
    }

    private static void requireSupportCentre(Requester requester) {
        if (!requester.has(HubRole.HUB_ADMIN)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "使われていない部屋の一覧・通知・削除は地域の支援センター（ハブ管理者）が行います");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
