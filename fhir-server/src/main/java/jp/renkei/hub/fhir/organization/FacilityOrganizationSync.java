package jp.renkei.hub.fhir.organization;

import java.util.List;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Organization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a facility's JP_Organization into the FHIR store: a conditional update on the facility's hub ID,
 * so each facility has exactly one Organization however often it is written, and an unchanged facility
 * leaves the Organization's version alone.
 *
 * <p>An Organization that already carries the facility's medical-institution code but no hub ID (posted
 * over FHIR before the facility was registered, e.g. by the earlier demo loader) is taken over rather than
 * duplicated: two Organizations with one code would make every {@code Organization?identifier=} reference
 * to it ambiguous.
 */
@Component
public class FacilityOrganizationSync {

    private static final Logger log = LoggerFactory.getLogger(FacilityOrganizationSync.class);

    private final DaoRegistry daos;
    private final TransactionTemplate newTransaction;

    public FacilityOrganizationSync(DaoRegistry daos, PlatformTransactionManager transactions) {
        this.daos = daos;
        // Always a transaction of its own: called after the registry's commit, a joined transaction
        // would be one that has already ended, and the write would be lost.
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Creates or updates the facility's Organization and returns its (versionless) ID. */
    public IIdType sync(Facility facility) {
        Organization organization = OrganizationMapper.toOrganization(facility);
        return newTransaction.execute(status -> write(facility, organization));
    }

    private IIdType write(Facility facility, Organization organization) {
        IFhirResourceDao<Organization> dao = daos.getResourceDao(Organization.class);
        if (facility.medicalInstitutionCode() != null && search(dao, HubSystems.FACILITY, facility.id()).isEmpty()) {
            List<IBaseResource> withCode = search(dao, JpCoreSystems.MEDICAL_INSTITUTION_NO,
                    facility.medicalInstitutionCode().value()).stream().filter(o -> !hasHubId(o)).toList();
            if (withCode.size() == 1) {
                organization.setId(withCode.get(0).getIdElement().toUnqualifiedVersionless());
                log.info("Facility {} takes over Organization {} that carries its code {}", facility.id(),
                        organization.getIdElement().getIdPart(), facility.medicalInstitutionCode());
                return dao.update(organization, new SystemRequestDetails()).getId().toUnqualifiedVersionless();
            }
            if (withCode.size() > 1) {
                log.warn("{} Organizations without a hub ID carry code {}; facility {} gets an Organization of its own",
                        withCode.size(), facility.medicalInstitutionCode(), facility.id());
            }
        }
        String match = "Organization?identifier=" + HubSystems.FACILITY + "|" + facility.id();
        return dao.update(organization, match, new SystemRequestDetails()).getId().toUnqualifiedVersionless();
    }

    private static List<IBaseResource> search(IFhirResourceDao<Organization> dao, String system, String value) {
        return dao.search(SearchParameterMap.newSynchronous("identifier", new TokenParam(system, value)),
                new SystemRequestDetails()).getAllResources();
    }

    private static boolean hasHubId(IBaseResource resource) {
        return ((Organization) resource).getIdentifier().stream().anyMatch(i -> HubSystems.FACILITY.equals(i.getSystem()));
    }
}
