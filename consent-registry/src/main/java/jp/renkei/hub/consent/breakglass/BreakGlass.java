package jp.renkei.hub.consent.breakglass;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.renkei.hub.consent.ConsentProperties;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientAudit;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Emergency access without consent: a doctor opens CLINICAL read access to one patient for their facility,
 * stating why. It ends by itself after {@code renkei.consent.break-glass-duration}: nothing has to close it,
 * the decider simply stops finding it open. Every facility where the patient is enrolled is notified, so the
 * patient's own doctors can review the use.
 */
@Service
@Transactional
public class BreakGlass {

    private static final int REASON_MAX = 1000;
    private static final int OPENED_BY_MAX = 200;

    private final BreakGlassStore store;
    private final PatientCrossReference crossReference;
    private final PatientAudit audit;
    private final ConsentProperties properties;
    private final Clock clock;

    BreakGlass(BreakGlassStore store, PatientCrossReference crossReference, PatientAudit audit,
               ConsentProperties properties, Clock clock) {
        this.store = store;
        this.crossReference = crossReference;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    public BreakGlassAccess open(String eventNumber, String reason, HubPrincipal doctor) {
        // HubAccessRules lets only doctors reach the endpoint; checked here too for callers other than HTTP
        if (!doctor.has(HubRole.DOCTOR)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "only a DOCTOR may open emergency access; acting as "
                    + doctor.roles());
        }
        if (reason == null || reason.isBlank()) {
            throw ApiException.invalid("reason", "is required: state the emergency that justifies access");
        }
        if (reason.length() > REASON_MAX) {
            throw ApiException.invalid("reason", "must be at most " + REASON_MAX + " characters");
        }
        EventNumber requested = EventNumber.parse(eventNumber);
        EventNumber number = crossReference.resolve(requested)
                .orElseThrow(() -> ApiException.notFound("event number " + requested));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        BreakGlassAccess access = new BreakGlassAccess(UUID.randomUUID(), number, doctor.actingFacilityId(),
                doctor.id(), reason.strip(), now, now.plus(properties.breakGlassDuration()));
        store.insert(access);
        List<FacilityPatientId> enrolled = crossReference.links(number);
        enrolled.forEach(patient -> store.notify(access.id(), patient, now));
        audit.record(doctor, AuditAction.EXECUTE, number, "break-glass", "BREAK-GLASS opened until "
                + access.expiresAt() + " for facility " + access.facilityId() + ": " + access.reason()
                + "; notified " + enrolled.size() + " enrolment(s)");
        return access;
    }

    /** The emergency access of the facility to the patient open at {@code at}, if any. */
    @Transactional(readOnly = true)
    public Optional<BreakGlassAccess> openFor(EventNumber patient, String facilityId, Instant at) {
        Optional<EventNumber> survivor = crossReference.resolve(patient);
        if (survivor.isEmpty() || facilityId == null) {
            return Optional.empty();
        }
        List<EventNumber> numbers = new ArrayList<>(crossReference.retiredInto(survivor.get()));
        numbers.add(survivor.get());
        try {
            UUID.fromString(facilityId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return store.openFor(numbers, facilityId, at).stream().findFirst();
    }

    /**
     * The emergency accesses the acting facility's doctors opened, open and past, newest first (the latest
     * {@value #OPENED_BY_MAX}), for the facility's own review.
     */
    @Transactional(readOnly = true)
    public List<BreakGlassAccess> openedBy(HubPrincipal actor) {
        return store.openedBy(actor.actingFacilityId(), OPENED_BY_MAX);
    }

    /** The acting facility's notices, newest first. */
    @Transactional(readOnly = true)
    public List<BreakGlassNotification> notificationsFor(HubPrincipal actor) {
        return store.notificationsFor(actor.actingFacilityId());
    }
}
