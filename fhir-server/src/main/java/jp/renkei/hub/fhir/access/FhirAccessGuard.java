package jp.renkei.hub.fhir.access;

import java.util.Optional;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.fhir.access.FhirSurface.Interaction;
import jp.renkei.hub.fhir.consent.ConsentGate;
import jp.renkei.hub.fhir.consent.DataCategories;
import jp.renkei.hub.fhir.consent.HubReads;
import jp.renkei.hub.fhir.model.ElementWalk;
import jp.renkei.hub.fhir.organization.OrganizationMatchUrls;
import jp.renkei.hub.fhir.patient.PatientStore;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * The FHIR API's rules before and around the consent gate, for every request with a requester:
 * <ol>
 *   <li>only what {@link FhirSurface} offers, no conditional writes ({@link SurfaceRule});</li>
 *   <li>an instance the requester may not see answers exactly like one that does not exist ({@link NotKnown}),
 *       on every instance path (read, vread, history, operations, update, patch, delete, {@code If-Match}),
 *       decided before HAPI looks at versions, patches or references;</li>
 *   <li>updates, patches and deletes only of the requester's own data, about its own patients, references only
 *       to data it may see ({@link WriteRule}) — checked on the request, on every entry of a batch or transaction before it runs,
 *       and again in the store's write hooks, which every write path passes;</li>
 *   <li>searches without side doors ({@link SearchSideDoors}) and pages only for the requester that searched
 *       ({@link PagingBinding}).</li>
 * </ol>
 * Runs after the consent interceptor has started the request (its gate decides visibility here too).
 */
@Component
@Interceptor
public class FhirAccessGuard {

    private final ConsentGate gate;
    private final DataCategories categories;
    private final HubReads reads;
    private final WriteRule writes;
    private final PagingBinding paging = new PagingBinding();
    private final OrganizationMatchUrls organizations;

    public FhirAccessGuard(ConsentGate gate, DaoRegistry daos, HubReads reads, PatientStore patients,
                           OrganizationMatchUrls organizations) {
        this.gate = gate;
        this.organizations = organizations;
        this.categories = new DataCategories(daos.getFhirContext());
        this.reads = reads;
        this.writes = new WriteRule(categories, reads, gate, patients);
    }

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = 100)
    public void beforeHandling(RequestDetails request) {
        Optional<Requester> requester = FhirRequesters.of(request);
        if (requester.isEmpty()) {
            return;
        }
        RequestShape shape = RequestShape.of(request);
        SurfaceRule.check(shape, requester.get().facilityId(), categories);
        if ("page".equals(shape.system())) {
            paging.check(PagingBinding.searchIdOf(request), requester.get());
            return;
        }
        if (shape.interaction().filter(Interaction.SEARCH::equals).isPresent()) {
            SearchSideDoors.check(shape.type(), request.getParameters(), categories);
        }
        if (shape.instance()) {
            checkInstance(request, shape.type(), shape.id(), shape.writes(), requester.get());
        }
        if (request.getResource() instanceof Resource written && !(written instanceof Bundle)) {
            refuseMatchUrls(written, requester.get().facilityId(), false);
        }
    }

    /** Every write entry of a batch or transaction, before any entry runs (GET entries come as requests of their own). */
    @Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
    public void beforeTransaction(RequestDetails request, IBaseBundle bundle) {
        Optional<Requester> requester = FhirRequesters.of(request);
        if (requester.isEmpty() || !(bundle instanceof Bundle entries)) {
            return;
        }
        // A bundle that writes Organizations may match its own: HAPI resolves its match URLs in the transaction.
        boolean resolveOrganizations = entries.getEntry().stream().noneMatch(e -> e.getResource() instanceof Organization);
        for (Bundle.BundleEntryComponent entry : entries.getEntry()) {
            Bundle.HTTPVerb method = entry.getRequest().getMethod();
            if (method == Bundle.HTTPVerb.GET || method == Bundle.HTTPVerb.HEAD) {
                continue;
            }
            RequestShape shape = RequestShape.ofEntry(entry);
            SurfaceRule.check(shape, requester.get().facilityId(), categories);
            if (shape.instance()) {
                checkInstance(request, shape.type(), shape.id(), true, requester.get());
            }
            if (entry.getResource() != null) {
                refuseMatchUrls(entry.getResource(), requester.get().facilityId(), resolveOrganizations);
            }
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource, RequestDetails request) {
        Optional<Requester> requester = FhirRequesters.of(request);
        if (requester.isPresent() && resource instanceof Resource written) {
            writes.checkReferences(request, written, requester.get().facilityId());
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
        Optional<Requester> requester = FhirRequesters.of(request);
        if (requester.isPresent() && oldResource instanceof Resource existing && newResource instanceof Resource written) {
            writes.requireOwned(reads.deletedVersions().decisive(existing).orElse(existing),
                    requester.get().facilityId());
            writes.checkReferences(request, written, requester.get().facilityId());
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void deleted(IBaseResource resource, RequestDetails request) {
        Optional<Requester> requester = FhirRequesters.of(request);
        if (requester.isPresent() && resource instanceof Resource existing) {
            writes.requireOwned(existing, requester.get().facilityId());
        }
    }

    @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
    public void searchRegistered(RequestDetails request, ICachedSearchDetails search) {
        // Matching a conditional write's criteria is a search without paging (no UUID): nothing to bind.
        if (search.getUuid() != null) {
            FhirRequesters.of(request).ifPresent(requester -> paging.bind(search.getUuid(), requester));
        }
    }

    /**
     * HAPI's own "not found" answers name a code that differs between the store and the consent interceptor: on
     * an instance path every 404 becomes the one {@link NotKnown} answer.
     */
    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException oneAnswer(RequestDetails request, Throwable exception) {
        if (exception instanceof ResourceVersionConflictException conflict && FhirRequesters.of(request).isPresent()
                && conflict.getMessage() != null && conflict.getMessage().contains("Unable to delete")) {
            // HAPI names the first resource that refers to the one being deleted: it may be another facility's.
            return new ResourceVersionConflictException("The resource cannot be deleted: other records refer to it"
                    + " (they may be another facility's); correct or cancel it instead (e.g. status entered-in-error)");
        }
        if (exception instanceof ResourceNotFoundException && FhirRequesters.of(request).isPresent()
                && request.getResourceName() != null && request.getId() != null && request.getId().hasIdPart()) {
            return NotKnown.resource(request.getResourceName(), request.getId().getIdPart());
        }
        return null;
    }

    /**
     * An instance the requester asks for: when it may not see it (or it does not exist), the answer is
     * {@link NotKnown}; when it may see it but asks to change it, it must be its own.
     */
    private void checkInstance(RequestDetails request, String type, String id, boolean write, Requester requester) {
        boolean gated = !(categories.of(type) instanceof DataCategories.NotGated);
        if (!gated && !write) {
            return;
        }
        Resource current = reads.current(type, id).orElseThrow(() -> NotKnown.resource(type, id));
        if (gated && !gate.mayShow(request, current)) {
            throw NotKnown.resource(type, id);
        }
        if (write) {
            Resource decisive = reads.deletedVersions().decisive(current).orElse(current);
            if (!WriteRule.ownedBy(decisive, requester.facilityId())) {
                throw WriteRule.notYours(type, id);
            }
        }
    }

    /**
     * Refuses inline match URLs into gated data; with {@code resolveOrganizations}, an allowed one naming an
     * Organization by identifier is replaced by the Organization's ID when exactly one matches (what HAPI would do,
     * without a search per bundle: {@link OrganizationMatchUrls}).
     */
    private void refuseMatchUrls(Resource resource, String facilityId, boolean resolveOrganizations) {
        for (var found : ElementWalk.references(resource)) {
            String reference = found.element().getReference();
            if (reference == null || !reference.contains("?") || WriteRule.isAbsolute(reference)) {
                continue;
            }
            if (writes.refusedMatchUrl(reference, facilityId)) {
                throw WriteRule.inlineMatch(reference, resource.fhirType() + "." + found.path());
            }
            if (resolveOrganizations) {
                organizations.resolve(reference).ifPresent(id -> found.element().setReference(id));
            }
        }
    }
}
