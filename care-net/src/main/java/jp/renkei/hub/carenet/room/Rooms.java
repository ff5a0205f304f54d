package jp.renkei.hub.carenet.room;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jp.renkei.hub.carenet.CareNetAudit;
import jp.renkei.hub.carenet.room.RoomAccess.MemberInRoom;
import jp.renkei.hub.consent.ScannedForm;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.person.Person;
import jp.renkei.hub.core.person.PersonStatus;
import jp.renkei.hub.core.person.PersonStore;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The life of a room: a doctor or care manager applies, the support centre (a hub administrator: FacilityKind
 * has no support-centre kind) approves or refuses, the applicant and the caretaker add and remove members,
 * the applicant or caretaker closes it and the support centre archives it. Every step is audited.
 */
@Service
@Transactional
public class Rooms {

    /** Who may apply for a room. */
    public static final Set<HubRole> APPLICANTS = Set.of(HubRole.DOCTOR, HubRole.CARE_MANAGER);
    private static final int REASON_MAX = 1000;

    private final RoomStore store;
    private final RoomAccess access;
    private final PersonStore people;
    private final FacilityRegistry facilities;
    private final PatientCrossReference crossReference;
    private final CareNetAudit audit;
    private final Clock clock;

    public Rooms(RoomStore store, RoomAccess access, PersonStore people, FacilityRegistry facilities,
                 PatientCrossReference crossReference, CareNetAudit audit, Clock clock) {
        this.store = store;
        this.access = access;
        this.people = people;
        this.facilities = facilities;
        this.crossReference = crossReference;
        this.audit = audit;
        this.clock = clock;
    }

    /** Applies for a room; the applicant becomes its first member. */
    public RoomDetails apply(RoomApplication application, Requester requester) {
        if (requester.kind() != HubPrincipal.Kind.PERSON || APPLICANTS.stream().noneMatch(requester::has)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "部屋の申請は医師またはケアマネジャーが行います");
        }
        if (application.patientName() == null || application.patientName().isBlank()) {
            throw ApiException.invalid("patientName", "利用者の氏名を入力してください");
        }
        if (application.consentForm() == null) {
            throw ApiException.invalid("scannedForm", "利用者の同意書（スキャンした PDF・JPEG・PNG）を添付してください");
        }
        String eventNumber = linkedEventNumber(application.eventNumber(), requester);
        Instant now = now();
        UUID roomId = UUID.randomUUID();
        List<Member> members = new ArrayList<>();
        members.add(staff(roomId, person(requester.id(), "applicant"), requester.facilityId(), true, requester, now));
        for (int i = 0; i < application.members().size(); i++) {
            RoomApplication.ProposedMember proposed = application.members().get(i);
            if (members.stream().anyMatch(m -> m.personId().equals(proposed.personId()))) {
                continue; // the applicant named again, or a duplicate: one membership each
            }
            members.add(newMember(roomId, proposed, "members[" + i + "]", true, requester, now));
        }
        String caretaker = application.caretakerId() == null ? requester.id() : application.caretakerId();
        if (members.stream().noneMatch(m -> m.personId().equals(caretaker) && !m.family())) {
            throw ApiException.invalid("caretakerId", "世話役は申請者または提案したメンバー（家族以外）から選んでください");
        }
        Room room = new Room(roomId, application.patientName().strip(), blankToNull(application.patientNameKana()),
                application.patientBirthDate(), eventNumber, RoomStatus.APPLIED, requester.id(), requester.facilityId(),
                caretaker, application.consentForm().contentType(), application.consentForm().size(), now, null, null,
                null, null, now);
        store.insert(room, application.consentForm());
        members.forEach(store::insertMember);
        audit.record(requester, AuditAction.CREATE, roomId, "room", "room applied for with " + members.size()
                + " proposed members, caretaker " + caretaker + (eventNumber == null ? "" : ", event number linked"));
        return new RoomDetails(store.find(roomId).orElseThrow(), store.members(roomId));
    }

    /** The support centre opens an applied room (approve) or refuses it, with a reason. */
    public Room decide(UUID roomId, boolean approve, String reason, Requester requester) {
        requireSupportCentre(requester);
        Room room = store.findForUpdate(roomId).orElseThrow(() -> RoomAccess.notFound(roomId));
        if (room.status() != RoomStatus.APPLIED) {
            throw ApiException.conflict("この部屋は " + RoomAccess.label(room.status()) + " です。承認・却下できるのは申請中の部屋だけです");
        }
        if (!approve && (reason == null || reason.isBlank())) {
            throw ApiException.invalid("reason", "却下の理由を入力してください");
        }
        store.decide(roomId, approve ? RoomStatus.OPEN : RoomStatus.REJECTED, requester.id(), optional(reason), now());
        audit.record(requester, AuditAction.UPDATE, roomId, "room", approve ? "room approved and opened"
                : "room application refused: " + reason.strip());
        return store.find(roomId).orElseThrow();
    }

    /** Rooms waiting for the support centre, or in any other status. */
    @Transactional(readOnly = true)
    public List<Room> withStatus(RoomStatus status, Requester requester) {
        requireSupportCentre(requester);
        List<Room> rooms = store.withStatus(status);
        audit.record(requester, AuditAction.SEARCH, null, "rooms", rooms.size() + " rooms " + status + " listed");
        return rooms;
    }

    /** The requester's own rooms. */
    @Transactional(readOnly = true)
    public List<Room> mine(Requester requester) {
        List<Room> rooms = requester.kind() == HubPrincipal.Kind.PERSON ? store.ofMember(requester.id()) : List.of();
        audit.record(requester, AuditAction.SEARCH, null, "rooms", rooms.size() + " own rooms listed");
        return rooms;
    }

    /** A room with its members, for a member; the support centre sees it too, to decide on it. */
    @Transactional(readOnly = true)
    public RoomDetails room(UUID roomId, Requester requester) {
        Room room;
        if (requester.has(HubRole.HUB_ADMIN) && !isMember(roomId, requester)) {
            room = store.find(roomId).orElseThrow(() -> RoomAccess.notFound(roomId));
        } else {
            room = access.require(roomId, requester, AuditAction.READ).room();
        }
        audit.record(requester, AuditAction.READ, roomId, "room", "room and members read");
        return new RoomDetails(room, store.members(roomId));
    }

    /** The scanned consent form, for members and the support centre. */
    @Transactional(readOnly = true)
    public ScannedForm consentForm(UUID roomId, Requester requester) {
        room(roomId, requester);
        audit.record(requester, AuditAction.READ, roomId, "room consent form", "scanned consent form read");
        return store.form(roomId).orElseThrow(() -> RoomAccess.notFound(roomId));
    }

    /** Adds a member (staff change or a family member joining): by the applicant or the caretaker. */
    public Member addMember(UUID roomId, RoomApplication.ProposedMember proposed, Requester requester) {
        MemberInRoom manager = requireManager(roomId, requester);
        store.findForUpdate(roomId);
        if (store.currentMember(roomId, proposed.personId()).isPresent()) {
            throw ApiException.conflict("この人はすでにこの部屋のメンバーです");
        }
        Member member = newMember(roomId, proposed, "personId", false, requester, now());
        store.insertMember(member);
        store.touch(roomId, now());
        audit.record(requester, AuditAction.UPDATE, roomId, "member", "member added: person " + member.personId()
                + " (" + member.kind() + ", " + member.profession() + ") by " + manager.member().personId());
        return member;
    }

    /** Removes a member; their next request is refused. The caretaker cannot be removed while caretaker. */
    public Member removeMember(UUID roomId, String personId, String reason, Requester requester) {
        MemberInRoom manager = requireManager(roomId, requester);
        Room room = store.findForUpdate(roomId).orElseThrow();
        Member member = store.currentMember(roomId, personId)
                .orElseThrow(() -> ApiException.notFound("member " + personId + " of care-net room " + roomId));
        if (room.caretakerId().equals(personId)) {
            throw ApiException.conflict("世話役はメンバーから外せません。先に別の世話役を決めてください");
        }
        store.removeMember(member.id(), requester.id(), optional(reason), now());
        store.touch(roomId, now());
        audit.record(requester, AuditAction.UPDATE, roomId, "member", "member removed: person " + personId
                + " by " + manager.member().personId() + (reason == null || reason.isBlank() ? "" : ": " + reason.strip()));
        return store.members(roomId).stream().filter(m -> m.id().equals(member.id())).findFirst().orElseThrow();
    }

    /** Closes the room on request: by the applicant or caretaker. Members keep reading; nobody writes. */
    public Room close(UUID roomId, Requester requester) {
        MemberInRoom manager = requireManager(roomId, requester);
        if (manager.room().status() != RoomStatus.OPEN && manager.room().status() != RoomStatus.APPLIED) {
            throw ApiException.conflict("この部屋は " + RoomAccess.label(manager.room().status()) + " です");
        }
        store.setStatus(roomId, RoomStatus.CLOSED, now());
        audit.record(requester, AuditAction.UPDATE, roomId, "room", "room closed");
        return store.find(roomId).orElseThrow();
    }

    /** The support centre archives a closed room. */
    public Room archive(UUID roomId, Requester requester) {
        requireSupportCentre(requester);
        Room room = store.findForUpdate(roomId).orElseThrow(() -> RoomAccess.notFound(roomId));
        if (room.status() != RoomStatus.CLOSED) {
            throw ApiException.conflict("保管できるのは閉鎖済みの部屋だけです（この部屋は " + RoomAccess.label(room.status()) + "）");
        }
        store.setStatus(roomId, RoomStatus.ARCHIVED, now());
        audit.record(requester, AuditAction.UPDATE, roomId, "room", "room archived");
        return store.find(roomId).orElseThrow();
    }

    /** The requester as the room's applicant or caretaker, of a room that may still change; else 403/404/409. */
    MemberInRoom requireManager(UUID roomId, Requester requester) {
        MemberInRoom member = access.require(roomId, requester, AuditAction.UPDATE);
        Room room = member.room();
        if (!requester.id().equals(room.applicantId()) && !requester.id().equals(room.caretakerId())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "メンバーの追加・削除、世話役の変更と部屋の閉鎖は申請者か世話役が行います");
        }
        if (room.status() == RoomStatus.ARCHIVED || room.status() == RoomStatus.REJECTED) {
            throw ApiException.conflict("この部屋は " + RoomAccess.label(room.status()) + " のため変更できません");
        }
        return member;
    }

    private static void requireSupportCentre(Requester requester) {
        if (!requester.has(HubRole.HUB_ADMIN)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "部屋の承認・一覧・保管は地域の支援センター（ハブ管理者）が行います");
        }
    }

    private boolean isMember(UUID roomId, Requester requester) {
        return store.currentMember(roomId, requester.id()).isPresent();
    }

    private Member newMember(UUID roomId, RoomApplication.ProposedMember proposed, String field, boolean isProposed,
                             Requester requester, Instant now) {
        Person person = person(proposed.personId(), field);
        if (person.profession() == Profession.FAMILY_MEMBER) {
            return new Member(UUID.randomUUID(), roomId, person.id(), person.displayName(), person.profession().name(),
                    null, MemberKind.FAMILY, isProposed, now, requester.id(), null, null, null);
        }
        String facilityId = proposed.facilityId();
        if (facilityId == null || facilityId.isBlank()) {
            throw ApiException.invalid(field, person.displayName() + " さんがこの部屋で所属する施設（facilityId）を指定してください");
        }
        return staff(roomId, person, facilityId, isProposed, requester, now);
    }

    private Member staff(UUID roomId, Person person, String facilityId, boolean proposed, Requester requester,
                         Instant now) {
        boolean belongs = people.memberships(person.id()).stream().anyMatch(m -> m.facilityId().equals(facilityId));
        if (!belongs || !facilities.isActive(facilityId)) {
            throw ApiException.invalid("facilityId", person.displayName() + " さんは施設 " + facilityId
                    + " に所属していないか、その施設は参加中ではありません");
        }
        return new Member(UUID.randomUUID(), roomId, person.id(), person.displayName(), person.profession().name(),
                facilityId, MemberKind.STAFF, proposed, now, requester.id(), null, null, null);
    }

    private Person person(String personId, String field) {
        Optional<Person> person;
        try {
            person = personId == null ? Optional.empty() : people.byId(personId);
        } catch (IllegalArgumentException e) {
            person = Optional.empty();
        }
        return person.filter(p -> p.status() != PersonStatus.RETIRED)
                .orElseThrow(() -> ApiException.invalid(field, "利用者 ID " + personId + " の人は登録されていません"));
    }

    /** A linked event number must be one the applicant's facility has linked: knowing a number is not enough. */
    private String linkedEventNumber(String text, Requester requester) {
        if (text == null || text.isBlank()) {
            return null;
        }
        EventNumber number = crossReference.resolve(EventNumber.parse(text))
                .orElseThrow(() -> ApiException.invalid("eventNumber", "イベント番号 " + text + " は発行されていません"));
        if (crossReference.localIdsOf(number, requester.facilityId()).isEmpty()) {
            throw ApiException.invalid("eventNumber", "イベント番号 " + number
                    + " はあなたの施設の患者に紐付いていません。紐付けずに申請するか、紐付けてから申請してください");
        }
        return number.digits();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String optional(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        if (reason.length() > REASON_MAX) {
            throw ApiException.invalid("reason", REASON_MAX + " 文字までです");
        }
        return reason.strip();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** A room with every membership, current and removed (the log of staff changes). */
    public record RoomDetails(Room room, List<Member> members) {
    }
}
