package jp.renkei.hub.regional.directory;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.Requester;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Facility profiles: each facility's administrators maintain their own; nobody else changes it (another
 * facility's profile answers exactly like a facility that does not exist). A request is checked whole before
 * anything is written, and a refused one changes nothing.
 */
@Service
public class Profiles {

    /** Facilities that may keep a profile: approved ones prepare it before going live. */
    static final Set<FacilityStatus> PROFILE_STATUSES = Set.of(FacilityStatus.APPROVED, FacilityStatus.ACTIVE,
            FacilityStatus.SUSPENDED);

    private final ProfileStore store;
    private final FacilityRegistry registry;
    private final DirectoryAudit audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Profiles(ProfileStore store, FacilityRegistry registry, DirectoryAudit audit, ApplicationEventPublisher events) {
        this.store = store;
        this.registry = registry;
        this.audit = audit;
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    /** Whether {@code requester} may change {@code facilityId}'s profile: its own administrators only. */
    public static boolean mayEdit(Requester requester, String facilityId) {
        return requester.has(HubRole.FACILITY_ADMIN) && facilityId != null && facilityId.equals(requester.facilityId());
    }

    /** The profile the facility's administrator edits (empty when none was saved yet). */
    @Transactional(readOnly = true)
    public FacilityProfile own(Requester requester, String facilityId) {
        editable(requester, facilityId, AuditAction.READ);
        return store.find(facilityId).orElse(FacilityProfile.empty(facilityId));
    }

    /** Replaces the facility's profile with {@code request}, checked whole first. */
    @Transactional
    public FacilityProfile save(Requester requester, String facilityId, ProfileRequest request) {
        Facility facility = editable(requester, facilityId, AuditAction.UPDATE);
        FacilityProfile profile;
        try {
            profile = parse(facility, request, requester.id());
        } catch (InvalidInput e) {
            audit.refused(requester, AuditAction.UPDATE, facilityId, "invalid: " + e.fieldErrors().keySet());
            throw e;
        }
        store.save(profile);
        audit.record(requester, AuditAction.UPDATE, facilityId, "profile saved");
        events.publishEvent(new DirectoryProfileChanged(facilityId));
        return profile;
    }

    /**
     * The hub's own first profile of a facility (the demo network), checked like any other; a facility that already
     * has a profile keeps it, so its administrators' edits survive restarts.
     *
     * @return whether a profile was written
     */
    @Transactional
    public boolean seedIfAbsent(String facilityId, ProfileRequest request, String actorId) {
        Optional<Facility> facility = registry.find(facilityId);
        if (facility.isEmpty() || store.find(facilityId).isPresent()) {
            return false;
        }
        store.save(parse(facility.get(), request, actorId));
        audit.recordSystem(actorId, facilityId, "profile seeded by the hub");
        events.publishEvent(new DirectoryProfileChanged(facilityId));
        return true;
    }

    @Transactional(readOnly = true)
    public Optional<FacilityProfile> find(String facilityId) {
        return store.find(facilityId);
    }

    private Facility editable(Requester requester, String facilityId, AuditAction action) {
        Optional<Facility> facility = registry.find(facilityId)
                .filter(f -> PROFILE_STATUSES.contains(f.status()) && f.kind() != FacilityKind.HUB_OPERATOR);
        if (facility.isEmpty() || !mayEdit(requester, facilityId)) {
            audit.refused(requester, action, facilityId, "not the requester's facility or not registered");
            throw new NoSuchFacility(facilityId);
        }
        return facility.get();
    }

    FacilityProfile parse(Facility facility, ProfileRequest request, String actorId) {
        Problems problems = new Problems();
        CareFacilityType careType = null;
        if (blank(request.careFacilityType())) {
            careType = null;
        } else if (facility.kind() != FacilityKind.CARE_FACILITY) {
            problems.add("careFacilityType", "介護施設の種別は介護施設（CARE_FACILITY）だけが登録できます");
        } else {
            careType = CareFacilityType.ofCode(request.careFacilityType().strip()).orElse(null);
            if (careType == null) {
                problems.add("careFacilityType", "介護施設の種別「" + request.careFacilityType() + "」はありません");
            }
        }
        Set<Department> departments = new LinkedHashSet<>();
        for (String code : nonBlank(request.departments())) {
            Department.ofCode(code.strip()).ifPresentOrElse(departments::add,
                    () -> problems.add("departments", "診療科コード「" + code + "」はありません（SS-MIX2 診療科コード）"));
        }
        Set<ServiceCode> services = new LinkedHashSet<>();
        for (String code : nonBlank(request.services())) {
            ServiceCode.ofCode(code.strip()).ifPresentOrElse(services::add,
                    () -> problems.add("services", "サービスコード「" + code + "」はありません"));
        }
        Municipality municipality = blank(request.municipalityCode()) && blank(request.municipalityName()) ? null
                : problems.attempt(() -> new Municipality(trim(request.municipalityCode()), request.municipalityName()));
        Position position = problems.attempt(() -> Position.parse(request.latitude(), request.longitude()));
        NewPatients newPatients = null;
        if (!blank(request.acceptance()) || !blank(request.acceptanceNote())) {
            Acceptance acceptance = blank(request.acceptance()) ? null : java.util.Arrays.stream(Acceptance.values())
                    .filter(a -> a.name().equalsIgnoreCase(request.acceptance().strip())).findFirst().orElse(null);
            if (acceptance == null) {
                problems.add("acceptance", "新規患者の受け入れは YES・NO・ASK のいずれかで指定してください");
            } else {
                newPatients = problems.attempt(() -> new NewPatients(acceptance, request.acceptanceNote()));
            }
        }
        OpeningHours hours = problems.attempt(() -> OpeningHours.parse(request.hours()));
        ReferralDesk desk = blank(request.deskName()) && blank(request.deskPhone()) && blank(request.deskFax())
                && blank(request.deskEmail()) && blank(request.deskPerson()) ? null
                : problems.attempt(() -> new ReferralDesk(request.deskName(), request.deskPhone(), request.deskFax(),
                        request.deskEmail(), request.deskPerson()));
        problems.throwIfAny();
        return new FacilityProfile(facility.id(), careType, departments, services, municipality, position, newPatients,
                hours, desk, clock.instant(), actorId);
    }

    private static List<String> nonBlank(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).toList();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String trim(String text) {
        return text == null ? null : text.strip();
    }
}
