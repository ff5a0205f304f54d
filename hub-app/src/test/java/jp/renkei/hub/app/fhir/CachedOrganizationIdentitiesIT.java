package jp.renkei.hub.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.api.svc.ResolveIdentityMode;
import ca.uhn.fhir.jpa.model.cross.IResourceLookup;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.fhir.organization.CachedOrganizationIdentities;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * HAPI resolves an Organization's ID from its cache ({@link CachedOrganizationIdentities}) and every other type's
 * from the database, as it does for all types with deletes enabled; deleting an Organization through HAPI drops the
 * cached look-ups. A row marked deleted behind HAPI's back shows which source answered.
 */
@HubIntegrationTest
class CachedOrganizationIdentitiesIT {

    /** The mode of HAPI's transaction pre-fetch: deleted resources included, the cache only without deletes. */
    private static final ResolveIdentityMode PRE_FETCH = ResolveIdentityMode.includeDeleted().noCacheUnlessDeletesDisabled();

    @Autowired
    IIdHelperService<JpaPid> identities;
    @Autowired
    DaoRegistry daos;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    DataSource dataSource;

    @Test
    void hapiUsesTheHubsIdHelper() {
        assertThat(identities).isInstanceOf(CachedOrganizationIdentities.class);
    }

    @Test
    void anOrganizationsLookUpComesFromTheCacheAndAPatientsFromTheDatabase() {
        IIdType organization = create(new Organization().setName("キャッシュ病院" + UUID.randomUUID()));
        IIdType patient = create(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("照会")));
        assertThat(deleted(resolve(organization, patient))).containsEntry(organization.getIdPart(), false)
                .containsEntry(patient.getIdPart(), false);

        markDeletedBehindHapi(organization, patient);

        assertThat(deleted(resolve(organization, patient)))
                .as("the Organization from the cache, the Patient from the database")
                .containsEntry(organization.getIdPart(), false).containsEntry(patient.getIdPart(), true);
    }

    @Test
    void deletingAnOrganizationThroughHapiDropsTheCachedLookUps() {
        IIdType organization = create(new Organization().setName("閉院予定" + UUID.randomUUID()));
        assertThat(deleted(resolve(organization))).containsEntry(organization.getIdPart(), false);

        new TransactionTemplate(transactions).executeWithoutResult(status ->
                daos.getResourceDao(Organization.class).delete(organization, new SystemRequestDetails()));

        assertThat(deleted(resolve(organization))).containsEntry(organization.getIdPart(), true);
    }

    private <T extends IBaseResource> IIdType create(T resource) {
        @SuppressWarnings("unchecked")
        IFhirResourceDao<T> dao = (IFhirResourceDao<T>) daos.getResourceDao(resource.getClass());
        return new TransactionTemplate(transactions).execute(status ->
                dao.create(resource, new SystemRequestDetails()).getId().toUnqualifiedVersionless());
    }

    private Map<IIdType, IResourceLookup<JpaPid>> resolve(IIdType... ids) {
        return new TransactionTemplate(transactions).execute(status -> identities.resolveResourceIdentities(
                RequestPartitionId.allPartitions(), List.of(ids), PRE_FETCH));
    }

    private static Map<String, Boolean> deleted(Map<IIdType, IResourceLookup<JpaPid>> lookups) {
        return lookups.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> e.getKey().getIdPart(), e -> e.getValue().getDeleted() != null));
    }

    private void markDeletedBehindHapi(IIdType... ids) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (IIdType id : ids) {
            assertThat(jdbc.update("update hfj_resource set res_deleted_at = now() where res_type = ? and fhir_id = ?",
                    id.getResourceType(), id.getIdPart())).isEqualTo(1);
        }
    }
}
