package jp.renkei.hub.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.PatientAudit;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records, amends and withdraws patients' consents. Each change is a new version, audited with the event
 * number. Only a facility that has the patient linked may record or read their consents: knowing a number
 * must not be enough to change what is shared about that patient. Two ACTIVE consents of one category may
 * not speak of the same facilities at the same time; changing what a consent says is done by amending it.
 */
@Service
@Transactional
public class ConsentRegistry {

    private static final int REASON_MAX = 1000;

    private final ConsentStore store;
    private final PatientCrossReference crossReference;
    private final PatientAudit audit;
    private final Clock clock;

    ConsentRegistry(ConsentStore store, PatientCrossReference crossReference, PatientAudit audit, Clock clock) {
        this.store = store;
        this.crossReference = crossReference;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records a new consent obtained by the acting facility and person. */
    public ConsentRecord record(String eventNumber, ConsentCategory category, ConsentTerms terms, ScannedForm form,
                                HubPrincipal actor) {
        EventNumber number = linkedPatient(eventNumber, actor);
        store.lockPatient(number);
        refuseContradiction(number, category, terms, null);
        UUID id = UUID.randomUUID();
        Instant now = now();
        store.insertConsent(id, number, category, now);
        store.insertVersion(id, version(1, ConsentChange.RECORDED, ConsentStatus.ACTIVE, terms, form, null, actor, now),
                form);
        audit.record(actor, AuditAction.CREATE, number, "consent",
                category + " consent " + id + " recorded: " + describe(terms));
        return store.find(id).orElseThrow();
    }

    /** Replaces what an ACTIVE consent says by a new version; the previous version is kept as SUPERSEDED. */
    public ConsentRecord amend(UUID id, ConsentTerms terms, ScannedForm form, String reason, HubPrincipal actor) {
        ConsentRecord current = lockedForChange(id, actor);
        if (current.current().storedStatus() == ConsentStatus.WITHDRAWN) {
            throw ApiException.conflict("consent " + id + " was withdrawn; record a new consent instead");
        }
        refuseContradiction(current.eventNumber(), current.category(), terms, id);
        int next = current.current().version() + 1;
        store.insertVersion(id, version(next, ConsentChange.AMENDED, ConsentStatus.ACTIVE, terms, form,
                optionalReason(reason), actor, now()), form);
        audit.record(actor, AuditAction.UPDATE, current.eventNumber(), "consent",
                current.category() + " consent " + id + " amended to version " + next + ": " + describe(terms));
        return store.find(id).orElseThrow();
    }

    /** Withdraws the consent; the next access decision already sees it. */
    public ConsentRecord withdraw(UUID id, String reason, HubPrincipal actor) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.invalid("reason", "is required: say why the consent is withdrawn");
        }
        ConsentRecord current = lockedForChange(id, actor);
        if (current.current().storedStatus() == ConsentStatus.WITHDRAWN) {
            throw ApiException.conflict("consent " + id + " was already withdrawn on " + current.current().changedAt());
        }
        int next = current.current().version() + 1;
        store.insertVersion(id, version(next, ConsentChange.WITHDRAWN, ConsentStatus.WITHDRAWN, current.terms(), null,
                optionalReason(reason), actor, now()), null);
        audit.record(actor, AuditAction.UPDATE, current.eventNumber(), "consent",
                current.category() + " consent " + id + " withdrawn: " + reason.strip());
        return store.find(id).orElseThrow();
    }

    /** The patient's consents (under the surviving and any merged number), read by a facility treating them. */
    @Transactional(readOnly = true)
    public List<ConsentRecord> consentsOf(String eventNumber, HubPrincipal actor) {
        EventNumber number = linkedPatient(eventNumber, actor);
        List<ConsentRecord> consents = consentsOf(number);
        audit.record(actor, AuditAction.SEARCH, number, "consent", consents.size() + " consents listed");
        return consents;
    }

    @Transactional(readOnly = true)
    public ConsentRecord consent(UUID id, HubPrincipal actor) {
        ConsentRecord consent = store.find(id).orElseThrow(() -> ApiException.notFound("consent " + id));
        requireLinked(consent.eventNumber(), actor);
        audit.record(actor, AuditAction.READ, consent.eventNumber(), "consent", "consent " + id + " read");
        return consent;
    }

    @Transactional(readOnly = true)
    public ScannedForm form(UUID id, int version, HubPrincipal actor) {
        ConsentRecord consent = consent(id, actor);
        return store.form(consent.id(), version)
                .orElseThrow(() -> ApiException.notFound("scanned form of consent " + id + " version " + version));
    }

    /**
     * Every consent of the patient, for the hub's own decisions (no audit, no facility check): merges are
     * followed, so consents recorded under a number later merged away still count.
     */
    @Transactional(readOnly = true)
    public List<ConsentRecord> consentsOf(EventNumber number) {
        Optional<EventNumber> survivor = crossReference.resolve(number);
        if (survivor.isEmpty()) {
            return List.of();
        }
        List<EventNumber> numbers = new ArrayList<>(crossReference.retiredInto(survivor.get()));
        numbers.add(survivor.get());
        return store.ofPatient(numbers);
    }

    private ConsentRecord lockedForChange(UUID id, HubPrincipal actor) {
        ConsentRecord consent = store.find(id).orElseThrow(() -> ApiException.notFound("consent " + id));
        requireLinked(consent.eventNumber(), actor);
        store.lockPatient(consent.eventNumber());
        // read again under the lock: a concurrent change may have added a version meanwhile
        return store.find(id).orElseThrow();
    }

    private void refuseContradiction(EventNumber number, ConsentCategory category, ConsentTerms terms, UUID amended) {
        Instant now = now();
        for (ConsentRecord other : consentsOf(number)) {
            if (other.category() != category || other.id().equals(amended)
                    || other.statusAt(now) != ConsentStatus.ACTIVE) {
                continue;
            }
            ConsentTerms existing = other.terms();
            if (existing.period().overlaps(terms.period()) && existing.grantees().overlaps(terms.grantees())
                    && existing.sources().overlaps(terms.sources())) {
                throw ApiException.conflict("contradicts ACTIVE " + category + " consent " + other.id()
                        + " of event number " + number + " (grantees " + existing.grantees() + ", sources "
                        + existing.sources() + ", valid " + existing.period() + "), which already covers facilities"
                        + " of these grantees and sources in an overlapping period; amend that consent"
                        + " (PUT /api/consents/" + other.id() + ") or withdraw it first");
            }
        }
    }

    private EventNumber linkedPatient(String eventNumber, HubPrincipal actor) {
        EventNumber requested = EventNumber.parse(eventNumber);
        EventNumber number = crossReference.resolve(requested)
                .orElseThrow(() -> ApiException.notFound("event number " + requested));
        requireLinked(number, actor);
        return number;
    }

    private void requireLinked(EventNumber number, HubPrincipal actor) {
        EventNumber survivor = crossReference.resolve(number).orElse(number);
        if (crossReference.localIdsOf(survivor, actor.actingFacilityId()).isEmpty()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "event number " + survivor + " is not linked to any patient"
                    + " of facility " + actor.actingFacilityId() + "; only facilities that have the patient linked"
                    + " may record or read their consents");
        }
    }

    private static ConsentVersion version(int version, ConsentChange change, ConsentStatus status, ConsentTerms terms,
                                          ScannedForm form, String reason, HubPrincipal actor, Instant at) {
        FormSummary summary = form == null ? null : new FormSummary(form.contentType(), form.size());
        return new ConsentVersion(version, change, status, terms, actor.actingFacilityId(), actor.id(), summary,
                reason, at);
    }

    private static String optionalReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        if (reason.length() > REASON_MAX) {
            throw ApiException.invalid("reason", "must be at most " + REASON_MAX + " characters");
        }
        return reason.strip();
    }

    private static String describe(ConsentTerms terms) {
        return "grantees " + terms.grantees() + ", sources " + terms.sources() + ", valid " + terms.period()
                + ", obtained via " + terms.obtainedVia();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
