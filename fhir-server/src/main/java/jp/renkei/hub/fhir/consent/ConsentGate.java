package jp.renkei.hub.fhir.consent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletSubRequestDetails;
import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.access.AccessDecider;
import jp.renkei.hub.consent.access.AccessRequest;
import jp.renkei.hub.consent.access.Decision;
import jp.renkei.hub.consent.access.DecisionBasis;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.AuditAddenda;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.consent.rules.CategoryConsent;
import jp.renkei.hub.fhir.consent.rules.ContainedResources;
import jp.renkei.hub.fhir.consent.rules.DeletionStubs;
import jp.renkei.hub.fhir.consent.rules.GateContext;
import jp.renkei.hub.fhir.consent.rules.GateRule;
import jp.renkei.hub.fhir.consent.rules.OwnData;
import jp.renkei.hub.fhir.consent.rules.UngatedTypes;
import jp.renkei.hub.fhir.access.FhirRequesters;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The consent gate: decides per resource, with the {@link AccessDecider}, whether the requester of a FHIR
 * request may see it. Plugged into HAPI's {@code ConsentInterceptor} (registered on the RESTful server), which
 * calls it
 * <ul>
 *   <li>{@link #startOperation} on the request thread: the requester (with its purpose of use, recorded in every decision) is captured into the request's user data,
 *       because HAPI loads search results and runs batch entries in other threads (no security context there)
 *       and calls {@link #canSeeResource} from them with this request. The hub's own requests (no requester)
 *       use the DAOs directly and never meet this gate, which is registered on the RESTful server only. Plain
 *       reads and searches of ungated types (Organization, Practitioner…) skip consent handling
 *       ({@link #skipUngatedRequests}); for every other request HAPI's interceptor refuses {@code _summary=count} and {@code _total=accurate} with 400
 *       and removes {@code Bundle.total} from responses, so no count can reveal hidden resources;</li>
 *   <li>{@link #canSeeResource} when the JPA layer loads resources (read, search results as the search task
 *       collects them, {@code _include}/{@code _revinclude}, history, {@code $everything}, GET entries of
 *       batches and transactions): rejected ones are dropped before the page is built; a rejected direct read
 *       becomes HAPI's 404 "not known", the same answer as for a resource that does not exist, so a denial
 *       does not even confirm that the facility holds data about the patient;</li>
 *   <li>{@link #willSeeResource} when a page is about to be shown: decided again for the current request, so
 *       that a page 2 whose results were collected before a withdrawal no longer shows the patient's data.</li>
 * </ul>
 * Decisions and patient look-ups are kept for the request (never longer): a withdrawal applies to the next
 * request. One audit entry per request and patient records the first denial, or else the consent or
 * break-glass that permitted (own data is not audited here). They are written with the request's own audit
 * record, in its commit, before the answer leaves ({@link AuditAddenda}), so a failed write fails the request;
 * only decisions taken after the answer left (or for a request outside the audit filter) are written when the
 * request completes.
 */
@Component
@Interceptor
public class ConsentGate implements IConsentService {

    private static final Logger log = LoggerFactory.getLogger(ConsentGate.class);
    private static final String STATE_KEY = ConsentGate.class.getName() + ".state";

    private final AccessDecider decider;
    private final AuditTrail trail;
    private final DaoRegistry daoRegistry;
    private final DataCategories categories;
    /** Rules that need no requester: contained resources, types that are not patient data. */
    private final List<GateRule> openRules;
    /** Rules about the requester's access: deletion stubs, own data, consent per category and source. */
    private final List<GateRule> requesterRules;

    public ConsentGate(AccessDecider decider, DaoRegistry daoRegistry, HubReads reads, AuditTrail trail) {
        this.decider = decider;
        this.trail = trail;
        this.daoRegistry = daoRegistry;
        this.categories = new DataCategories(daoRegistry.getFhirContext());
        this.openRules = List.of(new ContainedResources(), new UngatedTypes(categories));
        this.requesterRules = List.of(new DeletionStubs(reads.deletedVersions()), new OwnData(),
                new CategoryConsent(categories));
    }

    public ca.uhn.fhir.context.FhirContext fhirContext() {
        return daoRegistry.getFhirContext();
    }

    /** What the gate keeps for one request (shared by batch sub-requests, whose user data is the parent's). */
    private final class State implements GateContext {
        final Requester requester;
        final Map<String, Optional<EventNumber>> patients = new HashMap<>();
        final Map<AccessKey, Decision> decisions = new HashMap<>();
        final Map<EventNumber, AccessKey> audited = new LinkedHashMap<>();
        /** Reads each patient's consents once for this request; guarded by the State's lock. */
        final AccessDecider.OneRequest registry;
        /** Where the decisions go to be written with the request's record; null outside the audit filter. */
        final AuditAddenda addenda;

        State(Requester requester, AccessDecider.OneRequest registry, AuditAddenda addenda) {
            this.requester = requester;
            this.registry = registry;
            this.addenda = addenda;
        }

        @Override
        public String requesterFacility() {
            return requester.facilityId();
        }

        @Override
        public Optional<EventNumber> patientOf(Resource resource) {
            return ConsentGate.this.patientOf(resource, this);
        }

        @Override
        public boolean permitted(EventNumber patient, ConsentCategory category, String sourceFacility) {
            return ConsentGate.this.permitted(this, patient, category, sourceFacility);
        }

        @Override
        public boolean visible(Resource resource) {
            for (List<GateRule> rules : List.of(openRules, requesterRules)) {
                for (GateRule rule : rules) {
                    GateRule.Verdict verdict = rule.decide(resource, this);
                    if (verdict != GateRule.Verdict.PASS) {
                        return verdict == GateRule.Verdict.PERMIT;
                    }
                }
            }
            return false;
        }
    }

    private record AccessKey(EventNumber patient, ConsentCategory category, String source) {
    }

    @Override
    public ConsentOutcome startOperation(RequestDetails request, IConsentContextServices services) {
        // Never AUTHORIZED: a batch's GET entries run in pool threads without the security context, and an
        // AUTHORIZED sub-request would switch the gate off for the whole batch (its user data is the parent's).
        // The requester captured by the outer request stays; a request without one sees no patient data. The
        // hub's own requests go through the DAOs and never reach this server's gate.
        if (state(request) == null) {
            AuditAddenda addenda = request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null
                    ? AuditAddenda.of(servlet.getServletRequest()).orElse(null)
                    : null;
            FhirRequesters.of(request).ifPresent(requester -> {
                State state = new State(requester, decider.forOneRequest(), addenda);
                request.getUserData().put(STATE_KEY, state);
                if (addenda != null) {
                    addenda.add(() -> takeAuditEntries(state));
                }
            });
        }
        return ConsentOutcome.PROCEED;
    }

    /**
     * Takes requests that cannot touch patient data out of HAPI's consent handling altogether, before its
     * interceptor looks at them (lower order runs first), so that e.g. {@code Organization?_summary=count}
     * still counts. Never for a batch's sub-request: the skip mark lives in user data shared with the batch.
     */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = -100)
    public void skipUngatedRequests(RequestDetails request) {
        if (!(request instanceof ServletSubRequestDetails) && state(request) == null && onlyUngatedData(request)) {
            ConsentInterceptor.skipAllConsentForRequest(request);
        }
    }

    /**
     * A plain read, search or history of a type that is not patient data (e.g. {@code Organization?_summary=count}),
     * with nothing that could reach into patient data: no operation, no {@code _include}/{@code _revinclude},
     * no {@code _has}, no chained parameter.
     */
    private boolean onlyUngatedData(RequestDetails request) {
        String type = request.getResourceName();
        if (type == null || request.getOperation() != null
                || !(categories.of(type) instanceof DataCategories.NotGated)
                || "Bundle".equals(type) || "Parameters".equals(type) || "AuditEvent".equals(type)) {
            return false;
        }
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation != RestOperationTypeEnum.SEARCH_TYPE && operation != RestOperationTypeEnum.READ
                && operation != RestOperationTypeEnum.VREAD && operation != RestOperationTypeEnum.HISTORY_INSTANCE
                && operation != RestOperationTypeEnum.HISTORY_TYPE) {
            return false;
        }
        Map<String, String[]> parameters = request.getParameters();
        return parameters == null || parameters.keySet().stream().noneMatch(name -> name.startsWith("_include")
                || name.startsWith("_revinclude") || name.startsWith("_has") || name.contains(".")
                || name.startsWith("_contained"));
    }

    @Override
    public ConsentOutcome canSeeResource(RequestDetails request, IBaseResource resource,
                                         IConsentContextServices services) {
        return visible(request, resource) ? ConsentOutcome.PROCEED : ConsentOutcome.REJECT;
    }

    @Override
    public ConsentOutcome willSeeResource(RequestDetails request, IBaseResource resource,
                                          IConsentContextServices services) {
        return visible(request, resource) ? ConsentOutcome.PROCEED : ConsentOutcome.REJECT;
    }

    @Override
    public void completeOperationSuccess(RequestDetails request, IConsentContextServices services) {
        audit(request);
    }

    @Override
    public void completeOperationFailure(RequestDetails request, BaseServerResponseException exception,
                                         IConsentContextServices services) {
        audit(request);
    }

    /**
     * The gate's decision for a resource that one of the hub's own views loaded as the hub (operations such as
     * {@code Patient/$summary} read through the DAOs, so HAPI's consent hooks never see what they load): the
     * same decision, kept for the request, and the same one audit entry per request and patient as for every
     * other read path. {@code request} must be the operation's own request, which the gate saw start.
     */
    public boolean mayShow(RequestDetails request, IBaseResource resource) {
        return visible(request, resource);
    }

    /** The requesting facility of a request the gate saw start; empty for one without a requester. */
    public Optional<String> requesterFacility(RequestDetails request) {
        State state = request == null ? null : state(request);
        return state == null ? Optional.empty() : Optional.of(state.requester.facilityId());
    }

    /** Whether the request's requester may see {@code resource}; see the class comment and {@link GateRule}. */
    boolean visible(RequestDetails request, IBaseResource resource) {
        if (!(resource instanceof Resource r) || request == null) {
            return true;
        }
        State state = state(request);
        for (GateRule rule : openRules) {
            GateRule.Verdict verdict = rule.decide(r, state);
            if (verdict != GateRule.Verdict.PASS) {
                return verdict == GateRule.Verdict.PERMIT;
            }
        }
        // Without a requester (a request the gate never saw start) patient data fails closed: only the hub itself
        // works that way, and its DAO calls never reach this server-registered gate.
        return state != null && state.visible(r);
    }

    private boolean permitted(State state, EventNumber patient, ConsentCategory category, String source) {
        if (source.equals(state.requester.facilityId())) {
            return true;
        }
        AccessKey key = new AccessKey(patient, category, source);
        Decision decision;
        synchronized (state) {
            decision = state.decisions.get(key);
        }
        if (decision == null) {
            synchronized (state) {
                decision = state.registry.decide(new AccessRequest(state.requester, patient, category, source));
                state.decisions.put(key, decision);
                AccessKey governing = state.audited.get(patient);
                if (governing == null || (state.decisions.get(governing).permitted() && !decision.permitted())) {
                    state.audited.put(patient, key);
                }
            }
        }
        return decision.permitted();
    }

    private void audit(RequestDetails request) {
        State state = state(request);
        if (state == null || (state.addenda != null && !state.addenda.answerRecorded())) {
            return; // the audit filter takes the decisions with the answer's record
        }
        // Decisions taken after the answer left: nothing can be refused any more, so a failure is logged.
        for (AuditEntry entry : takeAuditEntries(state)) {
            try {
                trail.record(entry);
            } catch (RuntimeException e) {
                log.error("Could not audit the consent decision {}", entry, e);
            }
        }
    }

    /** The audit events of the decisions that governed the request so far, handed over once. */
    private List<AuditEntry> takeAuditEntries(State state) {
        List<Map.Entry<AccessKey, Decision>> decided = new ArrayList<>();
        synchronized (state) {
            state.audited.values().forEach(key -> decided.add(Map.entry(key, state.decisions.get(key))));
            state.audited.clear();
        }
        List<AuditEntry> entries = new ArrayList<>();
        for (Map.Entry<AccessKey, Decision> entry : decided) {
            AccessKey key = entry.getKey();
            if (entry.getValue().basis() != DecisionBasis.OWN_DATA) {
                entries.add(decider.auditEntry(
                        new AccessRequest(state.requester, key.patient(), key.category(), key.source()), entry.getValue()));
            }
        }
        return entries;
    }

    private static State state(RequestDetails request) {
        return request.getUserData().get(STATE_KEY) instanceof State state ? state : null;
    }

    /** The event number of the patient the resource is about: the Patient itself, or its subject/patient. */
    private Optional<EventNumber> patientOf(Resource resource, State state) {
        if (resource instanceof Patient patient) {
            return eventNumberOf(patient);
        }
        String patientId = null;
        for (String element : List.of("subject", "patient")) {
            if (resource.getNamedProperty(element) == null) {
                continue;
            }
            for (var value : resource.getNamedProperty(element).getValues()) {
                if (value instanceof Reference reference && reference.hasReference()) {
                    IdType id = new IdType(reference.getReference());
                    if ("Patient".equals(id.getResourceType()) && id.hasIdPart()) {
                        patientId = id.getIdPart();
                    }
                }
            }
            if (patientId != null) {
                break;
            }
        }
        if (patientId == null) {
            return Optional.empty();
        }
        String key = patientId;
        synchronized (state) {
            Optional<EventNumber> known = state.patients.get(key);
            if (known != null) {
                return known;
            }
        }
        Optional<EventNumber> number = lookUp(key);
        synchronized (state) {
            state.patients.put(key, number);
        }
        return number;
    }

    private Optional<EventNumber> lookUp(String patientId) {
        try {
            IBaseResource found = daoRegistry.getResourceDao("Patient")
                    .read(new IdType("Patient", patientId), new SystemRequestDetails());
            return found instanceof Patient patient ? eventNumberOf(patient) : Optional.empty();
        } catch (BaseServerResponseException notFoundOrGone) {
            return Optional.empty();
        }
    }

    private static Optional<EventNumber> eventNumberOf(Patient patient) {
        return patient.getIdentifier().stream()
                .filter(i -> HubSystems.EVENT_NUMBER.equals(i.getSystem()) && i.hasValue())
                .filter(i -> i.getUse() != Identifier.IdentifierUse.OLD)
                .map(Identifier::getValue)
                .findFirst()
                .flatMap(ConsentGate::parse);
    }

    private static Optional<EventNumber> parse(String value) {
        try {
            return Optional.of(EventNumber.parse(value));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
