package jp.renkei.hub.app.patients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.patient.PatientEnrolment;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.fhir.patient.ActingFacilities;
import jp.renkei.hub.fhir.patient.FacilityPatients;
import jp.renkei.hub.fhir.patient.PatientStore;
import jp.renkei.hub.gateway.ingest.IngestResult;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A patient's first lab result (HL7 over MLLP) and first CT image (C-STORE) arriving at the same moment make one
 * Patient, under the ID {@link FacilityPatients} gives, and both point at it.
 */
@HubIntegrationTest
class FacilityPatientsIT {

    @Autowired
    ApplicationContext context;
    @Autowired
    FacilityPatients facilityPatients;
    @Autowired
    PatientStore patients;
    @Autowired
    ActingFacilities facilities;
    @Autowired
    DaoRegistry daos;

    @Test
    void firstArrivalsFromMllpAndDicomAtOnceMakeOnePatient() throws Exception {
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        String localSystem = facilities.localSystemOf(hospital).orElseThrow();
        HubDataArrivals arrivals = new HubDataArrivals(context);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                String localId = "R" + UUID.randomUUID().toString().substring(0, 8);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<IngestResult> lab = pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return arrivals.labResult(hospital, localId);
                });
                Future<String> image = pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return arrivals.ctStudy(hospital, localId, "Kyogo^Hanako=競合^花子=キョウゴウ^ハナコ");
                });
                IngestResult ingested = lab.get(60, TimeUnit.SECONDS);
                String imagingStudyId = image.get(60, TimeUnit.SECONDS);

                assertThat(ingested.accepted()).as(ingested.reason()).isTrue();
                assertThat(imagingStudyId).as("ImagingStudy written").isNotNull();
                List<Patient> found = patients.byIdentifier(localSystem, localId);
                assertThat(found).as("round %d: Patients of %s", round, localId).hasSize(1);
                String patientId = found.get(0).getIdElement().getIdPart();
                assertThat(patientId).isEqualTo(facilityPatients.idFor(hospital, localId));
                assertThat(found.get(0).getMeta().hasProfile(JpCoreSystems.JP_PATIENT)).isTrue();

                ImagingStudy study = daos.getResourceDao(ImagingStudy.class).read(
                        new org.hl7.fhir.r4.model.IdType("ImagingStudy", imagingStudyId), new SystemRequestDetails());
                assertThat(study.getSubject().getReference()).isEqualTo("Patient/" + patientId);
                List<?> observations = daos.getResourceDao(Observation.class).search(SearchParameterMap
                        .newSynchronous(Observation.SP_SUBJECT, new ReferenceParam("Patient/" + patientId)),
                        new SystemRequestDetails()).getAllResources();
                assertThat(observations).isNotEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPatientStoredBeforeUnderAnotherIdKeepsIt() throws Exception {
        // e.g. created by the DICOM bridge before FacilityPatients, with an ID the server assigned
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        String localId = "OLD" + UUID.randomUUID().toString().substring(0, 8);
        Patient old = new Patient();
        old.addIdentifier().setSystem(facilities.localSystemOf(hospital).orElseThrow()).setValue(localId);
        jp.renkei.hub.fhir.consent.SourceFacilityStamp.tag(old, hospital);
        String oldId = daos.getResourceDao(Patient.class).create(old, new SystemRequestDetails()).getId().getIdPart();

        HubDataArrivals arrivals = new HubDataArrivals(context);
        assertThat(arrivals.labResult(hospital, localId).accepted()).isTrue();
        String imagingStudyId = arrivals.ctStudy(hospital, localId, "Kyu^Taro=旧^太郎=キュウ^タロウ");

        assertThat(oldId).isNotEqualTo(facilityPatients.idFor(hospital, localId));
        assertThat(facilityPatients.idOf(hospital, localId)).isEqualTo(oldId);
        ImagingStudy study = daos.getResourceDao(ImagingStudy.class).read(
                new org.hl7.fhir.r4.model.IdType("ImagingStudy", imagingStudyId), new SystemRequestDetails());
        assertThat(study.getSubject().getReference()).isEqualTo("Patient/" + oldId);
        assertThat(daos.getResourceDao(Observation.class).search(SearchParameterMap.newSynchronous(
                Observation.SP_SUBJECT, new ReferenceParam("Patient/" + oldId)), new SystemRequestDetails())
                .getAllResources()).isNotEmpty();
    }

    @Test
    void aPatientFirstSeenInAnImageCarriesTheEventNumberOfItsEnrolment() throws Exception {
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        String localId = "EN" + UUID.randomUUID().toString().substring(0, 8);
        String number = context.getBean(PatientEnrolment.class).enrol(hospital, localId, new HubPrincipal(
                HubPrincipal.Kind.PERSON, "facility-patients-it", "IT", hospital, Set.of(HubRole.CLERK)))
                .eventNumber().formatted();

        new HubDataArrivals(context).ctStudy(hospital, localId, "Bango^Ichiro=番号^一郎=バンゴウ^イチロウ");

        Patient patient = patients.byIdentifier(facilities.localSystemOf(hospital).orElseThrow(), localId).get(0);
        assertThat(patient.getIdentifier()).anySatisfy(identifier -> {
            assertThat(identifier.getSystem()).isEqualTo(HubSystems.EVENT_NUMBER);
            assertThat(identifier.getValue()).isEqualTo(number);
        });
        assertThat(patient.getNameFirstRep().getText()).isEqualTo("番号 一郎");
    }
}
