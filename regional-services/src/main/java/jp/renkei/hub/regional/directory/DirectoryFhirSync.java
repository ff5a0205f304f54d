package jp.renkei.hub.regional.directory;

import java.util.List;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.organization.FacilityOrganizationSync;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a facility's Location and HealthcareService into the FHIR store, as the hub (no requester, like the
 * facility's Organization): conditional updates on the facility's hub ID, so each facility has exactly one of
 * each however often it is written, and an unchanged profile leaves their versions alone.
 */
@Component
public class DirectoryFhirSync {

    private final DaoRegistry daos;
    private final FacilityOrganizationSync organizations;
    private final TransactionTemplate newTransaction;

    DirectoryFhirSync(DaoRegistry daos, FacilityOrganizationSync organizations, PlatformTransactionManager transactions) {
        this.daos = daos;
        this.organizations = organizations;
        // A transaction of its own: called after the profile's commit (see FacilityOrganizationSync).
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Creates or updates the facility's Location and HealthcareService. */
    public void sync(Facility facility, FacilityProfile profile) {
        String organizationId = organizationId(facility);
        newTransaction.executeWithoutResult(status -> {
            String match = "?identifier=" + HubSystems.FACILITY + "|" + facility.id();
            IFhirResourceDao<Location> locations = daos.getResourceDao(Location.class);
            String locationId = locations.update(DirectoryFhirMapper.location(facility, profile, organizationId),
                    "Location" + match, new SystemRequestDetails()).getId().getIdPart();
            IFhirResourceDao<HealthcareService> services = daos.getResourceDao(HealthcareService.class);
            services.update(DirectoryFhirMapper.service(facility, profile, organizationId, locationId),
                    "HealthcareService" + match, new SystemRequestDetails());
        });
    }

    private String organizationId(Facility facility) {
        List<IBaseResource> found = newTransaction.execute(status -> daos.getResourceDao(Organization.class)
                .search(SearchParameterMap.newSynchronous("identifier", new TokenParam(HubSystems.FACILITY,
                        facility.id())), new SystemRequestDetails()).getAllResources());
        if (found != null && found.size() == 1) {
            return found.get(0).getIdElement().getIdPart();
        }
        return organizations.sync(facility).getIdPart();
    }
}
