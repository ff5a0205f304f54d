package jp.renkei.hub.fhir.search;

import java.sql.Array;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import jp.renkei.hub.fhir.FhirServerProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers a patient's search in one go when its whole answer fits in the first page. HAPI registers every search in
 * its search cache ({@code hfj_search}, {@code hfj_search_result}) so that later pages can be fetched; a clinician's
 * typical question, one patient's results of one kind, usually has fewer matches than a page, and then that
 * bookkeeping (two more transactions and a hand-over to a search thread) is pure cost. Before HAPI decides, this
 * counts, through HAPI's reference index, the resources of the searched type that refer to the named patients at
 * all; when there are no more than the page holds, the search is marked synchronous: HAPI runs it once, loads the
 * matches and answers without a cache entry and without a next link, which is right because there is no next page.
 * Otherwise, or when the search does not name its patients plainly, HAPI's paged path stays.
 *
 * <p>The count is an upper bound of the answer (any further criterion, and the consent gate, only remove matches),
 * so no answer loses a page. The gate sees the synchronous path exactly like the paged one: HAPI calls the same
 * pre-access, pre-show and outgoing-response hooks. Registered last among the search hooks ({@code order}), after
 * the event number was resolved to the patients' IDs.
 */
@Component
@Interceptor
public class OnePageSearches {

    /**
     * Distinct resources of one type that refer to any of the patients, stopped one past the page; and how many of
     * the patients exist (an unknown ID leaves HAPI's path in charge). Served by HAPI's index on the link target.
     */
    private static final String MATCHES_AT_MOST = """
            select (select count(*) from hfj_resource p
                     where p.res_type = 'Patient' and p.fhir_id = any (?) and p.res_deleted_at is null) as patients,
                   (select count(*) from (
                        select distinct l.src_resource_id
                          from hfj_resource p
                          join hfj_res_link l on l.target_resource_id = p.res_id
                         where p.res_type = 'Patient' and p.fhir_id = any (?) and l.source_resource_type = ?
                         limit ?) linked) as linked
            """;

    private final JdbcTemplate jdbc;
    private final FhirServerProperties properties;

    public OnePageSearches(DataSource dataSource, FhirServerProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.properties = properties;
    }

    @Hook(value = Pointcut.STORAGE_PRESEARCH_REGISTERED, order = 1000)
    public void beforeSearch(ICachedSearchDetails search, SearchParameterMap map) {
        if (map.isLoadSynchronous() || map.getLoadSynchronousUpTo() != null || map.isOffsetQuery()
                || map.getEverythingMode() != null || "Patient".equals(search.getResourceType())) {
            return;
        }
        Optional<Set<String>> patients = namedPatients(map);
        if (patients.isPresent() && fitsOnePage(search.getResourceType(), patients.get(), pageSize(map))) {
            map.setLoadSynchronous(true);
        }
    }

    /** The page the client gets: its {@code _count} within the server's bounds, else the default page size. */
    int pageSize(SearchParameterMap map) {
        Integer count = map.getCount();
        return count == null ? properties.defaultPageSize() : Math.max(0, Math.min(count, properties.maxPageSize()));
    }

    /**
     * The patients one AND-ed {@code patient} (or {@code subject} typed as Patient) criterion allows, when every one
     * of its alternatives is a plain ID: no chain, no modifier, no {@code :missing}.
     */
    static Optional<Set<String>> namedPatients(SearchParameterMap map) {
        for (String name : List.of("patient", "subject")) {
            List<List<IQueryParameterType>> and = map.get(name);
            if (and == null) {
                continue;
            }
            for (List<IQueryParameterType> or : and) {
                Set<String> ids = new LinkedHashSet<>();
                for (IQueryParameterType value : or) {
                    if (!(value instanceof ReferenceParam reference) || reference.hasChain()
                            || reference.getMissing() != null || !plainQualifier(reference)
                            || reference.getIdPart() == null || reference.getIdPart().isBlank()
                            || !isPatient(name, reference)) {
                        ids.clear();
                        break;
                    }
                    ids.add(reference.getIdPart());
                }
                if (!ids.isEmpty()) {
                    return Optional.of(ids);
                }
            }
        }
        return Optional.empty();
    }

    /** No qualifier, or only the type: {@code :Patient} (never {@code :identifier}, {@code :mdm} or the like). */
    private static boolean plainQualifier(ReferenceParam reference) {
        String qualifier = reference.getQueryParameterQualifier();
        return qualifier == null || qualifier.isEmpty() || ":Patient".equals(qualifier);
    }

    /** {@code patient} always means a Patient; {@code subject} only when the reference says so. */
    private static boolean isPatient(String parameter, ReferenceParam reference) {
        String type = reference.getResourceType();
        return "patient".equals(parameter) ? type == null || "Patient".equals(type) : "Patient".equals(type);
    }

    boolean fitsOnePage(String resourceType, Set<String> patientIds, int pageSize) {
        return jdbc.query(con -> {
            var statement = con.prepareStatement(MATCHES_AT_MOST);
            Array ids = con.createArrayOf("varchar", patientIds.toArray());
            statement.setArray(1, ids);
            statement.setArray(2, ids);
            statement.setString(3, resourceType);
            statement.setInt(4, pageSize + 1);
            return statement;
        }, rs -> {
            rs.next();
            return rs.getInt("patients") == patientIds.size() && rs.getInt("linked") <= pageSize;
        });
    }
}
