package jp.renkei.hub.fhir.organization;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.jpa.util.MemoryCacheService;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import jp.renkei.hub.core.cache.RecentAnswers;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Organization;
import org.springframework.stereotype.Component;

/**
 * Which Organization an inline match URL of the form {@code Organization?identifier=<system>|<value>} names, kept in
 * memory. A hospital's gateway names its own organization (and the prescriber's) that way in every bundle; without
 * this HAPI runs a search for the same Organization with every bundle. A URL is resolved only when exactly one current
 * Organization carries the identifier, which is when HAPI's own resolution succeeds; with none or several the caller
 * leaves the reference to HAPI, which answers as before (that answer is kept too). Every write of an Organization on
 * this node forgets all answers ({@link RecentAnswers#forgetAllAfterCommit}: before its commit and again after it, so
 * an answer read from the old state cannot outlive the change), and an answer is kept at most a minute: the bound for
 * an Organization changed through another node.
 */
@Component
@Interceptor
public class OrganizationMatchUrls {

    /** One identifier criterion, no modifier, no escapes, no alternatives, nothing else: anything more goes to HAPI. */
    private static final Pattern IDENTIFIER = Pattern.compile("Organization\\?identifier=([^&|,$\\\\=]+)\\|([^&|,$\\\\=]+)");

    private final DaoRegistry daos;
    private final MemoryCacheService hapiCaches;
    /** Also the "none or several" answers: a bundle that could change them resolves nothing here. */
    private final RecentAnswers<String, Optional<String>> resolved = new RecentAnswers<>(Duration.ofMinutes(1));

    public OrganizationMatchUrls(DaoRegistry daos, IInterceptorService storageInterceptors,
                                 MemoryCacheService hapiCaches) {
        this.daos = daos;
        this.hapiCaches = hapiCaches;
        // HAPI's storage interceptors, not the REST server's: every write of an Organization counts, the hub's own too.
        storageInterceptors.registerInterceptor(this);
    }

    /** {@code Organization/<id>} for a plain identifier match URL with exactly one current match; else empty. */
    public Optional<String> resolve(String matchUrl) {
        Matcher matcher = IDENTIFIER.matcher(matchUrl);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return resolved.get(matchUrl, url -> onlyMatch(matcher.group(1), matcher.group(2)));
    }

    private Optional<String> onlyMatch(String system, String value) {
        SearchParameterMap map = SearchParameterMap.newSynchronous("identifier", new TokenParam(system, value));
        map.setLoadSynchronousUpTo(2);
        List<IBaseResource> found = daos.getResourceDao(Organization.class).search(map, new SystemRequestDetails())
                .getAllResources();
        return found.size() == 1
                ? Optional.of(found.get(0).getIdElement().toUnqualifiedVersionless().getValue())
                : Optional.empty();
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        changed(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource oldResource, IBaseResource newResource) {
        changed(newResource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        changed(resource);
        if (resource instanceof Organization) {
            // Nothing deletes Organizations today; should something, its ID look-up must not outlive it on this node
            // (CachedOrganizationIdentities reads Organizations' look-ups from this cache).
            hapiCaches.invalidateCaches(MemoryCacheService.CacheEnum.RESOURCE_LOOKUP_BY_FORCED_ID);
        }
    }

    private void changed(IBaseResource resource) {
        if (resource instanceof Organization) {
            resolved.forgetAllAfterCommit();
        }
    }
}
