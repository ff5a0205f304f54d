package jp.renkei.hub.app.demo;

import java.time.LocalDate;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Loads the demo network on first start: four facilities and a handful of synthetic patients, most at the
 * hospital and some at the clinic. Each patient is one transaction, so a failure never leaves half a
 * patient; the facilities are created conditionally, so a re-run after an interrupted load adds only
 * what is missing. Readiness ({@code /actuator/health/readiness}) turns UP after this has run.
 */
@Component
@ConditionalOnProperty(name = "renkei.demo.enabled", havingValue = "true", matchIfMissing = true)
public class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final IFhirSystemDao<Bundle, Meta> systemDao;
    private final DaoRegistry daoRegistry;
    private final DemoDataProperties properties;

    public DemoDataLoader(IFhirSystemDao<Bundle, Meta> systemDao, DaoRegistry daoRegistry,
                          DemoDataProperties properties) {
        this.systemDao = systemDao;
        this.daoRegistry = daoRegistry;
        this.properties = properties;
    }

    /** Local patient IDs of the demo patients: hospital patients first, then clinic patients. */
    public static DemoPatient demoPatient(int index) {
        boolean atClinic = index % 4 == 3;
        DemoFacility facility = atClinic ? DemoFacility.CLINIC : DemoFacility.HOSPITAL;
        return new DemoPatient(facility, String.format("%s%06d", atClinic ? "C" : "H", index + 1));
    }

    public record DemoPatient(DemoFacility facility, String localId) {
    }

    @Override
    public void run(ApplicationArguments args) {
        long started = System.nanoTime();
        SyntheticPatientGenerator generator = new SyntheticPatientGenerator(properties.seed(), LocalDate.now());
        systemDao.transaction(new SystemRequestDetails(), generator.facilitiesTransaction(DemoFacility.ALL));
        int loaded = 0;
        for (int i = 0; i < properties.patients(); i++) {
            DemoPatient patient = demoPatient(i);
            if (exists(patient)) {
                continue;
            }
            boolean hospital = patient.facility() == DemoFacility.HOSPITAL;
            systemDao.transaction(new SystemRequestDetails(),
                    generator.patientTransaction(patient.facility(), patient.localId(), hospital ? 4 : 2, hospital ? 3 : 2));
            loaded++;
        }
        if (loaded > 0) {
            log.info("Loaded demo data: {} facilities, {} patients ({} ms)", DemoFacility.ALL.size(), loaded,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private boolean exists(DemoPatient patient) {
        SearchParameterMap query = SearchParameterMap.newSynchronous("identifier", new TokenParam(
                JpCoreSystems.facilityPatientIdSystem(patient.facility().code()), patient.localId()));
        return !daoRegistry.getResourceDao("Patient").search(query, new SystemRequestDetails()).isEmpty();
    }
}
