package jp.renkei.hub.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.demo.SyntheticPatientGenerator;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.ids.HubKeyedIds;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.fhir.ImplementationGuideInstaller;
import ca.uhn.fhir.jpa.packages.IHapiPackageCacheManager;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With the JP Core package configured, {@code $validate} checks resources against its profiles. */
@HubIntegrationTest
class JpCoreValidationIT {

    @LocalServerPort
    int port;

    FhirHttp fhir;

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void client() {
        String doctor = TestPeople.loggedIn(context, TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL),
                Profession.DOCTOR, false);
        fhir = FhirHttp.forHub(port, HubIntegrationTest.HOME).withToken(doctor);
    }

    @Test
    void generatedJpPatientObservationAndPrescriptionAreValid() {
        Bundle bundle = new SyntheticPatientGenerator(7, LocalDate.of(2026, 11, 1), HubKeyedIds.withRandomKey())
                .patientTransaction(DemoFacility.HOSPITAL, "V000001", 1, 1);
        List<Resource> samples = List.of(
                bundle.getEntry().get(0).getResource(),   // Patient
                bundle.getEntry().get(1).getResource(),   // first Observation
                bundle.getEntry().get(bundle.getEntry().size() - 1).getResource()); // MedicationRequest

        for (Resource resource : samples) {
            // References inside a transaction are placeholders; $validate sees the resource on its own.
            stripReferences(resource);
            OperationOutcome outcome = validate(resource);
            assertThat(errors(outcome)).as("%s against %s", resource.fhirType(), resource.getMeta().getProfile())
                    .isEmpty();
        }
    }

    @Test
    void theValidationChainReadsThePackagesThroughTheGateThatWaitsForTheirStore() {
        // HAPI's package store is read only through AwaitingPackageCache (the web server does not wait for the store).
        assertThat(context.getBean(IHapiPackageCacheManager.class).getClass().getSimpleName())
                .isEqualTo("AwaitingPackageCache");
        Patient patient = new Patient();
        patient.getMeta().addProfile("http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient");

        assertThat(errors(validate(patient))).as("JP_Patient requires an identifier").isNotEmpty();
        assertThat(context.getBean(ImplementationGuideInstaller.class).storeState())
                .isEqualTo(ImplementationGuideInstaller.StoreState.DONE);
    }

    @Test
    void theCapabilityStatementListsJpCoresProfiles() {
        // From the installed packages' indexes (InstalledProfiles).
        FhirHttp.Response response = fhir.get("/fhir/metadata");
        assertThat(response.status()).isEqualTo(200);
        CapabilityStatement statement = response.resource(CapabilityStatement.class);
        assertThat(statement.getRestFirstRep().getResource()).filteredOn(r -> "Patient".equals(r.getType()))
                .singleElement().satisfies(patient -> assertThat(patient.getSupportedProfile())
                        .extracting(CanonicalType::getValue)
                        .contains("http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient"));
        assertThat(statement.getRestFirstRep().getResource()).filteredOn(r -> "Observation".equals(r.getType()))
                .singleElement().satisfies(observation -> assertThat(observation.getSupportedProfile())
                        .extracting(CanonicalType::getValue)
                        .contains("http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_LabResult"));
    }

    @Test
    void jpPatientWithoutIdentifierViolatesJpCore() {
        // Base R4 allows a Patient without identifier; JP_Patient requires one.
        Patient patient = new Patient();
        patient.getMeta().addProfile("http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient");
        patient.addName().setFamily("山田").addGiven("太郎");

        OperationOutcome outcome = validate(patient);

        assertThat(errors(outcome)).anySatisfy(message -> assertThat(message).contains("Patient.identifier"));
    }

    @Test
    void unknownProfileIsAnErrorNotASilentPass() {
        Patient patient = new Patient();
        patient.getMeta().addProfile("http://jpfhir.jp/fhir/core/StructureDefinition/JP_NoSuchProfile");
        patient.addIdentifier().setSystem("urn:oid:1.2.392.100495.20.3.51.10710100017").setValue("1");

        assertThat(errors(validate(patient))).anySatisfy(message -> assertThat(message).contains("JP_NoSuchProfile"));
    }

    private OperationOutcome validate(Resource resource) {
        FhirHttp.Response response = fhir.post("/fhir/" + resource.fhirType() + "/$validate", resource);
        assertThat(response.status()).as(response.body()).isIn(200, 412);
        return response.resource(OperationOutcome.class);
    }

    private static List<String> errors(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .filter(i -> i.getSeverity() == IssueSeverity.ERROR || i.getSeverity() == IssueSeverity.FATAL)
                .map(i -> i.getDiagnostics() + " @ " + i.getLocation())
                .toList();
    }

    private static void stripReferences(Resource resource) {
        resource.children().forEach(property -> property.getValues().forEach(value -> {
            if (value instanceof Reference reference && reference.getReference() != null
                    && !reference.getReference().startsWith("#")) {
                reference.setReference(null).setDisplay("placeholder");
            }
        }));
    }
}
