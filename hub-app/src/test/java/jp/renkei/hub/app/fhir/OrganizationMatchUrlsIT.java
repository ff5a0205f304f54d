package jp.renkei.hub.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.DemoGateways;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.fhir.organization.OrganizationMatchUrls;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A transaction's {@code Organization?identifier=} references are resolved from memory only while exactly one
 * Organization carries the identifier; any write of an Organization makes the next resolution ask the store again.
 */
@HubIntegrationTest
class OrganizationMatchUrlsIT {

    @LocalServerPort
    int port;
    @Autowired
    OrganizationMatchUrls matchUrls;
    @Autowired
    DaoRegistry daos;

    @Test
    void aGatewaysBundleNamingItsOrganizationByIdentifierStoresTheOrganizationsId() {
        String url = "Organization?identifier=" + JpCoreSystems.MEDICAL_INSTITUTION_NO + "|" + DemoFacility.HOSPITAL.code();
        String hospital = matchUrls.resolve(url).orElseThrow();
        assertThat(hospital).startsWith("Organization/");

        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(JpCoreSystems.facilityPatientIdSystem(DemoFacility.HOSPITAL.code()))
                .setValue("OMU" + UUID.randomUUID().toString().substring(0, 8));
        patient.addName().setFamily("照合").addGiven("太郎");
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(patient)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode("2345-7");
        observation.setSubject(new Reference(bundle.getEntryFirstRep().getFullUrl()));
        observation.addPerformer(new Reference(url));
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(observation)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

        FhirHttp gateway = DemoGateways.hospital(port);
        FhirHttp.Response response = gateway.post("/fhir", bundle);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String location = response.resource(Bundle.class).getEntry().get(1).getResponse().getLocation();
        FhirHttp.Response stored = gateway.get("/fhir/" + new IdType(location).toUnqualifiedVersionless().getValue());
        assertThat(stored.resource(Observation.class).getPerformerFirstRep().getReference()).isEqualTo(hospital);
    }

    @Test
    void everyWriteOfAnOrganizationIsSeenByTheNextResolution() {
        String system = "urn:oid:1.2.392.200119.6.102.9" + (System.nanoTime() % 1000);
        String value = UUID.randomUUID().toString();
        String url = "Organization?identifier=" + system + "|" + value;
        IFhirResourceDao<Organization> organizations = daos.getResourceDao(Organization.class);
        assertThat(matchUrls.resolve(url)).as("nothing carries it yet").isEmpty();

        IIdType first = organizations.create(organization(system, value), new SystemRequestDetails()).getId()
                .toUnqualifiedVersionless();
        assertThat(matchUrls.resolve(url)).contains(first.getValue());
        assertThat(matchUrls.resolve(url)).as("from memory").contains(first.getValue());

        IIdType second = organizations.create(organization(system, value), new SystemRequestDetails()).getId()
                .toUnqualifiedVersionless();
        assertThat(matchUrls.resolve(url)).as("two carry it: ambiguous, left to HAPI").isEmpty();

        organizations.delete(second, new SystemRequestDetails());
        assertThat(matchUrls.resolve(url)).contains(first.getValue());

        Organization renamed = organization(system, value + "-new");
        renamed.setId(first);
        organizations.update(renamed, new SystemRequestDetails());
        assertThat(matchUrls.resolve(url)).as("the identifier changed").isEmpty();
        assertThat(matchUrls.resolve("Organization?identifier=" + system + "|" + value + "-new")).contains(first.getValue());
    }

    @Test
    void onlyAPlainIdentifierCriterionIsResolved() {
        String url = "Organization?identifier=" + JpCoreSystems.MEDICAL_INSTITUTION_NO + "|" + DemoFacility.HOSPITAL.code();
        assertThat(matchUrls.resolve(url + "&active=true")).isEmpty();
        assertThat(matchUrls.resolve("Organization?identifier:not=" + JpCoreSystems.MEDICAL_INSTITUTION_NO + "|1")).isEmpty();
        assertThat(matchUrls.resolve("Organization?name=" + DemoFacility.HOSPITAL.code())).isEmpty();
        assertThat(matchUrls.resolve("Patient?identifier=" + JpCoreSystems.MEDICAL_INSTITUTION_NO + "|1")).isEmpty();
    }

    private static Organization organization(String system, String value) {
        Organization organization = new Organization();
        organization.setName("照合テスト機関");
        organization.addIdentifier().setSystem(system).setValue(value);
        return organization;
    }
}
