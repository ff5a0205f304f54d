package jp.renkei.hub.consent.access;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.ConsentRecord;
import jp.renkei.hub.consent.ConsentRegistry;
import jp.renkei.hub.consent.ConsentStatus;
import jp.renkei.hub.consent.ConsentTerms;
import jp.renkei.hub.consent.breakglass.BreakGlass;
import jp.renkei.hub.consent.breakglass.BreakGlassAccess;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.monitoring.HubMeters;
import jp.renkei.hub.core.patient.EventNumber;
import org.springframework.stereotype.Service;

/**
 * The one place that decides whether a request may see a patient's data. In order:
 * <ol>
 *   <li>data from the requester's own facility is always theirs to see (PERMIT, "own data");</li>
 *   <li>an open emergency access of the requester's facility permits CLINICAL data ("break-glass");</li>
 *   <li>an ACTIVE consent of the category, valid now, covering the requester's facility as grantee and the
 *       data's facility as source permits ("consent");</li>
 *   <li>anything else is denied with the most specific reason: of the patient's consents of that category,
 *       the one that came closest to permitting names what is missing.</li>
 * </ol>
 * Nothing is cached beyond one request: {@link #decide} reads the registry on every call, and a
 * {@link #forOneRequest() OneRequest} reads it once per patient for the questions of one request, so a
 * withdrawal takes effect on the very next request.
 *
 * <p>Deciding and auditing are separate on purpose. {@link #decide} records nothing, so a caller that checks
 * many resources for one HTTP request (the FHIR gate filtering a search result) decides per resource and then
 * calls {@link #audit} once per request and patient with the decision that governed it, instead of writing
 * one audit row per resource. Callers deciding a single question use {@link #decideAndAudit}.
 */
@Service
public class AccessDecider {

    /** The marker at the start of the audit detail of every access granted by emergency access. */
    public static final String BREAK_GLASS_MARKER = "BREAK-GLASS";

    /** How close a failing consent came to permitting; the closest one is reported. */
    private static final List<DecisionBasis> CLOSENESS = List.of(DecisionBasis.WITHDRAWN, DecisionBasis.EXPIRED,
            DecisionBasis.NOT_YET_VALID, DecisionBasis.NOT_FOR_FACILITY, DecisionBasis.NOT_FOR_SOURCE);

    private final ConsentRegistry consents;
    private final BreakGlass breakGlass;
    private final AuditTrail trail;
    private final Clock clock;
    private final HubMeters meters;

    AccessDecider(ConsentRegistry consents, BreakGlass breakGlass, AuditTrail trail, Clock clock, HubMeters meters) {
        this.meters = meters;
        this.consents = consents;
        this.breakGlass = breakGlass;
        this.trail = trail;
        this.clock = clock;
    }

    /** Decides without recording anything; see the class comment for when to {@link #audit}. */
    public Decision decide(AccessRequest request) {
        return decide(request, clock.instant(), consents::consentsOf,
                patient -> breakGlass.openFor(patient, request.requesterFacilityId(), clock.instant()));
    }

    /**
     * Decisions for the questions of ONE request (e.g. every resource of a FHIR answer): the patient's consents
     * and the requester's open break-glass are read once per patient for this object, and the object must not
     * outlive the request, so a withdrawal still applies to the next request.
     */
    public OneRequest forOneRequest() {
        return new OneRequest();
    }

    /** See {@link #forOneRequest()}. Not shared between threads without synchronisation by the caller. */
    public final class OneRequest {

        private final Instant now = clock.instant();
        private final Map<EventNumber, List<ConsentRecord>> consentsRead = new HashMap<>();
        private final Map<String, Optional<BreakGlassAccess>> breakGlassRead = new HashMap<>();

        private OneRequest() {
        }

        public Decision decide(AccessRequest request) {
            return AccessDecider.this.decide(request, now,
                    patient -> consentsRead.computeIfAbsent(patient, consents::consentsOf),
                    patient -> breakGlassRead.computeIfAbsent(patient.digits() + "|" + request.requesterFacilityId(),
                            key -> breakGlass.openFor(patient, request.requesterFacilityId(), now)));
        }
    }

    private Decision decide(AccessRequest request, Instant now, Function<EventNumber, List<ConsentRecord>> consentsOf,
                            Function<EventNumber, Optional<BreakGlassAccess>> openBreakGlass) {
        if (request.sourceFacilityId().equals(request.requesterFacilityId())) {
            return Decision.because(DecisionBasis.OWN_DATA, null);
        }
        if (request.category() == ConsentCategory.CLINICAL) {
            Optional<BreakGlassAccess> open = openBreakGlass.apply(request.patient());
            if (open.isPresent()) {
                return Decision.because(DecisionBasis.BREAK_GLASS, "opened by " + open.get().doctorId() + " until "
                        + open.get().expiresAt() + ": " + open.get().reason());
            }
        }
        List<ConsentRecord> all = consentsOf.apply(request.patient());
        if (all.isEmpty()) {
            return Decision.because(DecisionBasis.NO_CONSENT, null);
        }
        List<ConsentRecord> ofCategory = all.stream().filter(c -> c.category() == request.category()).toList();
        if (ofCategory.isEmpty()) {
            String others = all.stream().map(c -> c.category().name()).collect(Collectors.toCollection(TreeSet::new))
                    .toString();
            return Decision.because(DecisionBasis.OTHER_CATEGORY_ONLY, "needed " + request.category() + ", recorded "
                    + others);
        }
        DecisionBasis closest = null;
        ConsentRecord closestConsent = null;
        for (ConsentRecord consent : ofCategory) {
            DecisionBasis basis = judge(consent, request, now);
            if (basis == DecisionBasis.CONSENT) {
                return Decision.because(DecisionBasis.CONSENT, request.category() + " consent " + consent.id()
                        + " version " + consent.current().version());
            }
            if (closest == null || CLOSENESS.indexOf(basis) > CLOSENESS.indexOf(closest)) {
                closest = basis;
                closestConsent = consent;
            }
        }
        return Decision.because(closest, request.category() + " consent " + closestConsent.id());
    }

    /**
     * Records one decision in the audit trail: patient reference = event number, the requester's purpose of use,
     * detail = the reason, prefixed with {@value #BREAK_GLASS_MARKER} when emergency access granted it.
     */
    public void audit(AccessRequest request, Decision decision) {
        trail.record(auditEntry(request, decision));
    }

    /**
     * The audit event {@link #audit} records, for a caller that writes it with other events of its request. The
     * decision is counted here ({@code renkei_consent_decisions_total}), once per audited decision, not once per
     * resource it governed.
     */
    public AuditEntry auditEntry(AccessRequest request, Decision decision) {
        meters.consentDecision(decision.effect().name().toLowerCase(Locale.ROOT),
                decision.basis().name().toLowerCase(Locale.ROOT), request.category().name().toLowerCase(Locale.ROOT));
        String detail = decision.basis() == DecisionBasis.BREAK_GLASS
                ? BREAK_GLASS_MARKER + ": " + decision.reason()
                : decision.reason();
        return new AuditEntry(request.requester().kind().name(), request.requester().id(),
                request.requesterFacilityId(),
                request.requester().roleNames(),
                request.patient().formatted(), AuditAction.READ,
                "access-decision " + request.category() + " from " + request.sourceFacilityId(),
                decision.permitted() ? AuditOutcome.SUCCESS : AuditOutcome.DENIED, 0, request.purpose().name(), null,
                detail);
    }

    /** {@link #decide} and {@link #audit} for a caller asking one question. */
    public Decision decideAndAudit(AccessRequest request) {
        Decision decision = decide(request);
        audit(request, decision);
        return decision;
    }

    private static DecisionBasis judge(ConsentRecord consent, AccessRequest request, Instant now) {
        ConsentStatus status = consent.statusAt(now);
        if (status == ConsentStatus.WITHDRAWN) {
            return DecisionBasis.WITHDRAWN;
        }
        if (status == ConsentStatus.EXPIRED) {
            return DecisionBasis.EXPIRED;
        }
        ConsentTerms terms = consent.terms();
        if (!terms.period().contains(now)) {
            return DecisionBasis.NOT_YET_VALID;
        }
        if (!terms.grantees().covers(request.requesterFacilityId())) {
            return DecisionBasis.NOT_FOR_FACILITY;
        }
        if (!terms.sources().covers(request.sourceFacilityId())) {
            return DecisionBasis.NOT_FOR_SOURCE;
        }
        return DecisionBasis.CONSENT;
    }
}
