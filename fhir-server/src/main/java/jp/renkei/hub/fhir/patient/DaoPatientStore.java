package jp.renkei.hub.fhir.patient;

import java.util.List;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * {@link PatientStore} on HAPI's Patient DAO. Requests are the hub's own ({@link SystemRequestDetails}):
 * they carry no principal, so the privacy interceptor neither masks nor restricts them, which is right for
 * maintaining identifiers and for looking up the asking facility's own Patients.
 */
@Component
class DaoPatientStore implements PatientStore {

    private final DaoRegistry daos;

    DaoPatientStore(DaoRegistry daos) {
        this.daos = daos;
    }

    @Override
    public List<Patient> byIdentifier(String system, String value) {
        return dao().search(SearchParameterMap.newSynchronous(Patient.SP_IDENTIFIER, new TokenParam(system, value)),
                        new SystemRequestDetails())
                .getAllResources().stream().map(Patient.class::cast).toList();
    }

    /** Only the IDs: every search naming a patient by event number asks this, and parsing the Patients cost more. */
    @Override
    public List<String> idsByIdentifier(String system, String value) {
        return dao().searchForResourceIds(
                        SearchParameterMap.newSynchronous(Patient.SP_IDENTIFIER, new TokenParam(system, value)),
                        new SystemRequestDetails())
                .stream().map(IIdType::getIdPart).toList();
    }

    @Override
    public void update(Patient patient) {
        // Versionless: the Patient was just read in the same transaction, and a version in the ID would
        // turn a concurrent write by the facility into a failure of the whole link change.
        Patient write = patient.copy();
        write.setIdElement(patient.getIdElement().toUnqualifiedVersionless());
        dao().update(write, new SystemRequestDetails());
    }

    private IFhirResourceDao<Patient> dao() {
        return daos.getResourceDao(Patient.class);
    }
}
