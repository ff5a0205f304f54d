package jp.renkei.hub.core.patient;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Issues event numbers and keeps the cross-reference from facilities' local patient IDs to them. A number
 * is issued when a facility enrols a patient the hub does not know from it; a second facility joins an
 * existing number only by an explicit link, with the patient's identity checked by a person. Nothing here
 * ever compares names, birth dates or other demographics. Every change is audited, kept as a new version in
 * the link history, and announced after commit as {@link PatientLinkChanged}.
 */
@Service
@Transactional
public class PatientEnrolment implements PatientCrossReference {

    private static final Logger log = LoggerFactory.getLogger(PatientEnrolment.class);
    private static final Set<FacilityStatus> TAKING_PART = EnumSet.of(FacilityStatus.ACTIVE);
    private static final int REASON_MAX = 1000;
    /** With 10^15 possible numbers a second collision in a row means something else is wrong. */
    private static final int ISSUE_ATTEMPTS = 5;

    private final EventNumberStore numbers;
    private final PatientLinkStore links;
    private final FacilityRegistry facilities;
    private final PatientAudit audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PatientEnrolment(EventNumberStore numbers, PatientLinkStore links, FacilityRegistry facilities,
                     PatientAudit audit, ApplicationEventPublisher events, Clock clock) {
        this.numbers = numbers;
        this.links = links;
        this.facilities = facilities;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The number of the facility's patient: the one already linked, else a newly issued one. */
    public Enrolment enrol(String facilityId, String localPatientId, HubPrincipal actor) {
        LocalPatientId local = new LocalPatientId(localPatientId);
        UUID facility = takingPart(facilityId, "enrol patients");
        links.lock(facility, local);
        Optional<PatientLinkStore.Current> existing = links.current(facility, local);
        if (existing.isPresent()) {
            return new Enrolment(existing.get().link().eventNumber(), local.value(), false);
        }
        Instant now = now();
        EventNumber number = issue(now, actor.id(), facility);
        links.insert(new LinkChange(UUID.randomUUID(), 1, LinkChange.Kind.ENROLLED, facility, local.value(), number,
                null, null, null, actor.id(), actor.actingFacilityId(), now));
        audit.record(actor, AuditAction.CREATE, number, "event-number",
                "issued for local patient ID " + local + " of facility " + facility);
        publishAfterCommit(number, List.of());
        return new Enrolment(number, local.value(), true);
    }

    /**
     * Links the facility's local patient ID to an existing number (a merged one stands for its survivor).
     * Refused when the ID is already linked to another number: that link must be ended first, on purpose.
     */
    public LinkResult link(String facilityId, String localPatientId, String eventNumber,
                           IdentityVerification verification, String reason, HubPrincipal actor) {
        LocalPatientId local = new LocalPatientId(localPatientId);
        EventNumber requested = EventNumber.parse(eventNumber);
        if (verification == null) {
            throw ApiException.invalid("verification", "is required: how the patient's identity was checked, one of "
                    + Arrays.toString(IdentityVerification.values()));
        }
        String why = reason("reason", reason);
        UUID facility = takingPart(facilityId, "link patients");
        links.lock(facility, local);
        EventNumber number = survivorLockedForLinking(requested);
        Optional<PatientLinkStore.Current> existing = links.current(facility, local);
        if (existing.isPresent()) {
            EventNumber linked = existing.get().link().eventNumber();
            if (linked.equals(number)) {
                return new LinkResult(existing.get().link(), false);
            }
            throw ApiException.conflict("local patient ID " + local + " is already linked to event number " + linked
                    + "; unlink it first if it was linked to the wrong patient");
        }
        Instant now = now();
        links.insert(new LinkChange(UUID.randomUUID(), 1, LinkChange.Kind.LINKED, facility, local.value(), number,
                null, verification, why, actor.id(), actor.actingFacilityId(), now));
        audit.record(actor, AuditAction.CREATE, number, "patient-link",
                "linked local patient ID " + local + " of facility " + facility + " (identity checked by "
                        + verification + "): " + why);
        publishAfterCommit(number, List.of());
        return new LinkResult(links.current(facility, local).orElseThrow().link(), true);
    }

    /** Ends the facility's link of its local patient ID; the row and its history stay. */
    public void unlink(String facilityId, String localPatientId, String reason, HubPrincipal actor) {
        LocalPatientId local = new LocalPatientId(localPatientId);
        String why = reason("reason", reason);
        UUID facility = takingPart(facilityId, "unlink patients");
        links.lock(facility, local);
        PatientLinkStore.Current current = links.current(facility, local)
                .orElseThrow(() -> notLinked(local));
        PatientLink link = current.link();
        links.unlink(new LinkChange(current.id(), link.version() + 1, LinkChange.Kind.UNLINKED, facility,
                local.value(), link.eventNumber(), null, null, why, actor.id(), actor.actingFacilityId(), now()));
        audit.record(actor, AuditAction.UPDATE, link.eventNumber(), "patient-link",
                "unlinked local patient ID " + local + " of facility " + facility + ": " + why);
        publishAfterCommit(link.eventNumber(), List.of(link.patient()));
    }

    /**
     * Merges {@code retired} into {@code survivor} (both found to name the same patient): the retired number's
     * links move to the survivor and it resolves to the survivor from now on.
     */
    public MergeResult merge(String survivor, String retired, String reason, HubPrincipal actor) {
        EventNumber kept = EventNumber.parse(survivor);
        EventNumber ended = EventNumber.parse(retired);
        String why = reason("reason", reason);
        if (kept.equals(ended)) {
            throw ApiException.conflict("event number " + kept + " cannot be merged into itself");
        }
        // Both rows locked, in number order so that two crossing merges cannot deadlock.
        Map<EventNumber, EventNumberStore.Row> rows = numbers.lock(List.of(kept, ended), true).stream()
                .collect(Collectors.toMap(EventNumberStore.Row::number, Function.identity()));
        EventNumberStore.Row keptRow = known(rows, kept);
        EventNumberStore.Row endedRow = known(rows, ended);
        if (endedRow.merged()) {
            throw ApiException.conflict("event number " + ended + " was already merged into " + endedRow.mergedInto());
        }
        if (keptRow.merged()) {
            throw ApiException.conflict("event number " + kept + " was itself merged into " + keptRow.mergedInto()
                    + " and cannot take in another number; merge into the surviving number instead");
        }
        Instant now = now();
        List<PatientLinkStore.Current> moved = links.move(ended, kept);
        for (PatientLinkStore.Current current : moved) {
            PatientLink link = current.link();
            links.record(new LinkChange(current.id(), link.version(), LinkChange.Kind.MERGED,
                    UUID.fromString(link.facilityId()), link.localPatientId(), kept, ended, link.verifiedBy(), why,
                    actor.id(), actor.actingFacilityId(), now));
        }
        numbers.markMerged(ended, kept, now, actor.id(), why);
        audit.record(actor, AuditAction.ADMIN, ended, "event-number",
                "merged into " + kept + " (" + moved.size() + " link(s) moved): " + why);
        audit.record(actor, AuditAction.ADMIN, kept, "event-number",
                "took in merged number " + ended + " (" + moved.size() + " link(s) moved): " + why);
        publishAfterCommit(kept, List.of());
        return new MergeResult(kept, ended, moved.size());
    }

    /** The facility's current link of its local patient ID, or 404. */
    @Transactional(readOnly = true)
    public PatientLink currentLink(String facilityId, String localPatientId) {
        LocalPatientId local = new LocalPatientId(localPatientId);
        return facilityKey(facilityId)
                .flatMap(facility -> links.current(facility, local))
                .map(PatientLinkStore.Current::link)
                .orElseThrow(() -> notLinked(local));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<EventNumber> eventNumberOf(FacilityPatientId patient) {
        Optional<UUID> facility = facilityKey(patient.facilityId());
        if (facility.isEmpty() || !isWellFormed(patient.localPatientId())) {
            return Optional.empty();
        }
        return links.current(facility.get(), new LocalPatientId(patient.localPatientId()))
                .flatMap(current -> numbers.resolve(current.link().eventNumber()));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<EventNumber> resolve(EventNumber number) {
        return numbers.resolve(number);
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> localIdsOf(EventNumber number, String facilityId) {
        Optional<UUID> facility = facilityKey(facilityId);
        if (facility.isEmpty()) {
            return List.of();
        }
        return numbers.resolve(number).map(survivor -> links.localIdsOf(survivor, facility.get())).orElse(List.of());
    }

    @Override
    @Transactional(readOnly = true)
    public List<FacilityPatientId> links(EventNumber number) {
        return numbers.resolve(number)
                .map(survivor -> links.currentOf(survivor).stream().map(PatientLink::patient).toList())
                .orElse(List.of());
    }

    @Override
    @Transactional(readOnly = true)
    public List<EventNumber> retiredInto(EventNumber survivor) {
        return numbers.resolve(survivor).map(numbers::retiredInto).orElse(List.of());
    }

    /** Draws random numbers until one is new; the primary key decides, so concurrent issuers never share one. */
    private EventNumber issue(Instant now, String actorId, UUID facility) {
        for (int attempt = 1; attempt <= ISSUE_ATTEMPTS; attempt++) {
            EventNumber candidate = EventNumber.random();
            if (numbers.insert(candidate, now, actorId, facility)) {
                return candidate;
            }
            log.warn("Event number collision on attempt {}; drawing another", attempt);
        }
        throw new IllegalStateException("no new event number after " + ISSUE_ATTEMPTS + " attempts");
    }

    /** The surviving number, share-locked so that no merge can retire it before this transaction ends. */
    private EventNumber survivorLockedForLinking(EventNumber requested) {
        EventNumber current = requested;
        for (int hops = 0; hops < 1000; hops++) {
            List<EventNumberStore.Row> rows = numbers.lock(List.of(current), false);
            if (rows.isEmpty()) {
                throw ApiException.notFound("event number " + requested);
            }
            if (!rows.get(0).merged()) {
                return current;
            }
            current = rows.get(0).mergedInto();
        }
        throw new IllegalStateException("merge chain of " + requested + " does not end");
    }

    private UUID takingPart(String facilityId, String purpose) {
        return UUID.fromString(facilities.require(facilityId, TAKING_PART, purpose).id());
    }

    private void publishAfterCommit(EventNumber survivor, List<FacilityPatientId> unlinked) {
        PatientLinkChanged change = new PatientLinkChanged(survivor, numbers.retiredInto(survivor),
                links.currentOf(survivor).stream().map(PatientLink::patient).toList(), unlinked);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    events.publishEvent(change);
                } catch (RuntimeException e) {
                    // The change is committed: a failing listener must not turn it into an error response.
                    log.error("A listener failed on the link change of event number {}", survivor, e);
                }
            }
        });
    }

    private static EventNumberStore.Row known(Map<EventNumber, EventNumberStore.Row> rows, EventNumber number) {
        EventNumberStore.Row row = rows.get(number);
        if (row == null) {
            throw ApiException.notFound("event number " + number);
        }
        return row;
    }

    private static ApiException notLinked(LocalPatientId local) {
        return ApiException.notFound("link of local patient ID " + local + " in this facility");
    }

    private static String reason(String field, String text) {
        String why = text == null ? "" : text.strip();
        if (why.isEmpty()) {
            throw ApiException.invalid(field, "is required: say why, it is kept in the patient's link history");
        }
        if (why.codePointCount(0, why.length()) > REASON_MAX) {
            throw ApiException.invalid(field, "must be at most " + REASON_MAX + " characters");
        }
        return why;
    }

    private static boolean isWellFormed(String localPatientId) {
        try {
            new LocalPatientId(localPatientId);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    private static Optional<UUID> facilityKey(String facilityId) {
        if (facilityId == null) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(facilityId);
            return uuid.toString().equalsIgnoreCase(facilityId) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Instant now() {
        // PostgreSQL keeps microseconds: what is returned is then exactly what is stored.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
