package jp.renkei.hub.consent.access;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
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
import jp.renkei.hub.core.security.HubRole;
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
 * Nothing is cached: every call reads the registry, so a withdrawal takes effect on the very next decision.
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

    AccessDecider(ConsentRegistry consents, BreakGlass breakGlass, AuditTrail trail, Clock clock) {
        this.consents = consents;
        this.breakGlass = breakGlass;
        this.trail = trail;
        this.clock = clock;
    }

    /** Decides without recording anything; see the class comment for when to {@link #audit}. */
    public Decision decide(AccessRequest request) {
        if (request.sourceFacilityId().equals(request.requesterFacilityId())) {
            return Decision.because(DecisionBasis.OWN_DATA, null);
        }
        Instant now = clock.instant();
        if (request.category() == ConsentCategory.CLINICAL) {
            Optional<BreakGlassAccess> open = breakGlass.openFor(request.patient(), request.requesterFacilityId(), now);
            if (open.isPresent()) {
                return Decision.because(DecisionBasis.BREAK_GLASS, "opened by " + open.get().doctorId() + " until "
                        + open.get().expiresAt() + ": " + open.get().reason());
            }
        }
        List<ConsentRecord> all = consents.consentsOf(request.patient());
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
     * Records one decision in the audit trail: patient reference = event number, detail = the reason, prefixed
     * with {@value #BREAK_GLASS_MARKER} when emergency access granted it.
     */
    public void audit(AccessRequest request, Decision decision) {
        String detail = decision.basis() == DecisionBasis.BREAK_GLASS
                ? BREAK_GLASS_MARKER + ": " + decision.reason()
                : decision.reason();
        trail.record(new AuditEntry(request.requester().kind().name(), request.requester().id(),
                request.requesterFacilityId(),
                request.requesterRoles().stream().map(HubRole::name).collect(Collectors.toSet()),
                request.patient().formatted(), AuditAction.READ,
                "access-decision " + request.category() + " from " + request.sourceFacilityId(),
                decision.permitted() ? AuditOutcome.SUCCESS : AuditOutcome.DENIED, 0, request.purpose(), null,
                detail));
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
