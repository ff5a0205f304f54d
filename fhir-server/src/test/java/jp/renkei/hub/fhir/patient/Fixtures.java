package jp.renkei.hub.fhir.patient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.renkei.hub.core.facility.MedicalInstitutionCode;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/** Two coded facilities and one without a code, a cross-reference and a Patient store, all in memory. */
final class Fixtures {

    static final String HOSPITAL = "11111111-1111-4111-8111-111111111111";
    static final String CLINIC = "22222222-2222-4222-8222-222222222222";
    static final String CARE_OFFICE = "33333333-3333-4333-8333-333333333333";
    static final String HOSPITAL_SYSTEM = JpCoreSystems.facilityPatientIdSystem("0710100017");
    static final String CLINIC_SYSTEM = JpCoreSystems.facilityPatientIdSystem("1310100015");

    private Fixtures() {
    }

    static ActingFacilities facilities() {
        Map<String, MedicalInstitutionCode> codes = Map.of(
                HOSPITAL, new MedicalInstitutionCode("0710100017"), CLINIC, new MedicalInstitutionCode("1310100015"));
        return new ActingFacilities(id -> Optional.ofNullable(codes.get(id)));
    }

    static ActingFacility hospital() {
        return new ActingFacility(HOSPITAL, Optional.of(HOSPITAL_SYSTEM));
    }

    static HubPrincipal principalOf(String facilityId) {
        return new HubPrincipal(HubPrincipal.Kind.PERSON, "dr-1", "医師 一郎", facilityId, Set.of(HubRole.DOCTOR));
    }

    static Patient patient(String system, String localId, String family) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(system).setValue(localId);
        patient.addName().setFamily(family);
        return patient;
    }

    static List<String> eventIdentifiers(Patient patient) {
        return patient.getIdentifier().stream().filter(i -> HubSystems.EVENT_NUMBER.equals(i.getSystem()))
                .map(i -> i.getValue() + " " + i.getUse().toCode()).toList();
    }

    /** Links and merges as the hub-core implementation keeps them; merges follow to the survivor. */
    static final class CrossReference implements PatientCrossReference {
        final Map<FacilityPatientId, EventNumber> links = new LinkedHashMap<>();
        final Map<EventNumber, EventNumber> retiredTo = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public Optional<EventNumber> eventNumberOf(FacilityPatientId patient) {
            calls.add("eventNumberOf " + patient.facilityId() + "/" + patient.localPatientId());
            return Optional.ofNullable(links.get(patient));
        }

        @Override
        public Optional<EventNumber> resolve(EventNumber number) {
            if (retiredTo.containsKey(number)) {
                return Optional.of(retiredTo.get(number));
            }
            return links.containsValue(number) ? Optional.of(number) : Optional.empty();
        }

        @Override
        public List<String> localIdsOf(EventNumber number, String facilityId) {
            calls.add("localIdsOf " + facilityId);
            return links.entrySet().stream().filter(e -> e.getValue().equals(number)
                    && e.getKey().facilityId().equals(facilityId)).map(e -> e.getKey().localPatientId()).toList();
        }

        @Override
        public List<FacilityPatientId> links(EventNumber number) {
            return links.entrySet().stream().filter(e -> e.getValue().equals(number)).map(Map.Entry::getKey).toList();
        }

        @Override
        public List<EventNumber> retiredInto(EventNumber survivor) {
            return retiredTo.entrySet().stream().filter(e -> e.getValue().equals(survivor)).map(Map.Entry::getKey)
                    .toList();
        }
    }

    /** Patients by ID; counts the updates so that a test can tell a rewrite from a no-op. */
    static final class Store implements PatientStore {
        final Map<String, Patient> patients = new LinkedHashMap<>();
        final List<String> updates = new ArrayList<>();

        String add(Patient patient) {
            String id = String.valueOf(patients.size() + 1);
            patients.put(id, (Patient) patient.copy().setId(new IdType("Patient", id, "1")));
            return id;
        }

        @Override
        public List<Patient> byIdentifier(String system, String value) {
            return patients.values().stream().filter(p -> p.getIdentifier().stream()
                    .anyMatch(i -> system.equals(i.getSystem()) && value.equals(i.getValue())))
                    .map(Patient::copy).toList();
        }

        @Override
        public void update(Patient patient) {
            String id = patient.getIdElement().getIdPart();
            updates.add(id);
            patients.put(id, patient.copy());
        }
    }
}
