package jp.renkei.hub.app.demo;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.time.LocalDate;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.ids.HubKeyedIds;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.fhir.organization.FacilityOrganizationSync;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Loads the demo network on first start: four facilities and a handful of synthetic patients, most at the
 * hospital and some at the clinic, enrolled and partly consented ({@link DemoSharing}). The facilities are registered in the facility registry (applied,
 * approved and activated by {@value #ACTOR}) unless they are there already; each patient is one
 * transaction, so a failure never leaves half a patient. A re-run after an interrupted load adds only what
 * is missing. Readiness ({@code /actuator/health/readiness}) turns UP after this has run.
 */
@Component
@ConditionalOnProperty(name = "renkei.demo.enabled", havingValue = "true", matchIfMissing = true)
public class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    /** Who the registry records as having filed and approved the demo facilities. */
    static final String ACTOR = "demo-loader";
    private static final String REASON = "demo network";

    private final IFhirSystemDao<Bundle, Meta> systemDao;
    private final DaoRegistry daoRegistry;
    private final FacilityRegistry facilities;
    private final FacilityOrganizationSync organizations;
    private final DemoDataProperties properties;
    private final DeviceCertificates devices;
    private final DemoSharing sharing;
    private final Path home;
    private final HubKeyedIds keyedIds;
    private final DemoPeople people;
    private final DemoSite site;
    private final DemoDirectory directory;
    private final DemoPathway pathway;

    public DemoDataLoader(IFhirSystemDao<Bundle, Meta> systemDao, DaoRegistry daoRegistry,
                          FacilityRegistry facilities, FacilityOrganizationSync organizations,
                          DemoDataProperties properties, DeviceCertificates devices, DemoSharing sharing,
                          @Value("${renkei.home}") Path home, HubKeyedIds keyedIds, DemoPeople people, DemoSite site,
                          DemoDirectory directory, DemoPathway pathway) {
        this.site = site;
        this.directory = directory;
        this.pathway = pathway;
        this.keyedIds = keyedIds;
        this.people = people;
        this.sharing = sharing;
        this.devices = devices;
        this.home = home;
        this.systemDao = systemDao;
        this.daoRegistry = daoRegistry;
        this.facilities = facilities;
        this.organizations = organizations;
        this.properties = properties;
    }

    /** Local patient IDs of the demo patients: hospital patients first, then clinic patients. */
    public static DemoPatient demoPatient(int index) {
        boolean atClinic = index % 4 == 3;
        DemoFacility facility = atClinic ? DemoFacility.CLINIC : DemoFacility.HOSPITAL;
        return new DemoPatient(facility, String.format("%s%06d", atClinic ? "C" : "H", index + 1));
    }

    /** Local patient IDs of the demo hospital's patients enrolled in the regional network. */
    public static DemoPatient networkPatient(int index) {
        return new DemoPatient(DemoFacility.HOSPITAL, String.format("N%06d", index + 1));
    }

    public record DemoPatient(DemoFacility facility, String localId) {
    }

    /** Writes the patient's record unless it is there already; true when it was written now. */
    private boolean load(SyntheticPatientGenerator generator, DemoPatient patient, String facilityId) {
        if (exists(patient)) {
            return false;
        }
        boolean hospital = patient.facility() == DemoFacility.HOSPITAL;
        Bundle transaction = generator.patientTransaction(patient.facility(), patient.localId(),
                hospital ? 4 : 2, hospital ? 3 : 2);
        // The hub writes these itself, so nothing stamps them: tag them as the demo facility's data.
        transaction.getEntry().forEach(entry -> SourceFacilityStamp.tag(entry.getResource(), facilityId));
        systemDao.transaction(new SystemRequestDetails(), transaction);
        return true;
    }

    @Override
    public void run(ApplicationArguments args) {
        long started = System.nanoTime();
        SyntheticPatientGenerator generator = new SyntheticPatientGenerator(properties.seed(), LocalDate.now(),
                keyedIds);
        Map<DemoFacility, String> facilityIds = new HashMap<>();
        for (DemoFacility demo : DemoFacility.ALL) {
            // Patients reference the Organizations by code, so they must exist before the first patient.
            // Written here rather than left to the after-commit listener (whose failures are only logged)
            // or to the order of the start-up runners; an unchanged Organization is not rewritten.
            Facility facility = registered(demo);
            facilityIds.put(demo, facility.id());
            organizations.sync(facility);
            if ((demo == DemoFacility.HOSPITAL || demo == DemoFacility.CLINIC)
                    && facility.status() == FacilityStatus.ACTIVE) {
                DemoGatewayCredentials.ensure(devices, facility.id(), demo == DemoFacility.HOSPITAL ? "hospital"
                        : "clinic", home.resolve("demo"), ACTOR);
            }
            if (demo == DemoFacility.HOSPITAL && facility.status() == FacilityStatus.ACTIVE) {
                site.ensure(facility.id());
            }
        }
        for (DemoFacility demo : DemoDirectory.EXTRA) {
            Facility facility = registered(demo);
            facilityIds.put(demo, facility.id());
            organizations.sync(facility);
        }
        people.ensure(facilityIds);
        directory.ensure(facilityIds);
        int loaded = 0;
        for (int i = 0; i < properties.patients(); i++) {
            DemoPatient patient = demoPatient(i);
            if (load(generator, patient, facilityIds.get(patient.facility()))) {
                loaded++;
            }
        }
        for (int i = 0; i < properties.networkPatients(); i++) {
            DemoPatient patient = networkPatient(i);
            String facilityId = facilityIds.get(patient.facility());
            if (load(generator, patient, facilityId)) {
                loaded++;
            }
            sharing.share(i, patient, facilityId);
        }
        if (properties.networkPatients() > 0) {
            pathway.ensure(facilityIds);
        }
        if (loaded > 0) {
            log.info("Loaded demo data: {} facilities, {} patients ({} ms)", DemoFacility.ALL.size(), loaded,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * The demo facility as registered, carried on to ACTIVE from wherever an interrupted earlier start left
     * it. One that an administrator has since suspended or withdrawn is left as it is.
     */
    private Facility registered(DemoFacility demo) {
        Facility facility = facilities.list(null, null, null).stream()
                .filter(f -> demo.code() != null
                        ? f.medicalInstitutionCode() != null && demo.code().equals(f.medicalInstitutionCode().value())
                        : f.kind() == demo.kind() && demo.name().equals(f.details().name()))
                .findFirst()
                .orElseGet(() -> {
                    log.info("Registering demo facility {}", demo.name());
                    return facilities.apply(demo.application(), ACTOR);
                });
        if (facility.status() == FacilityStatus.APPLIED) {
            facility = facilities.changeStatus(facility.id(), FacilityStatus.APPROVED, REASON, ACTOR);
        }
        if (facility.status() == FacilityStatus.APPROVED) {
            facility = facilities.changeStatus(facility.id(), FacilityStatus.ACTIVE, REASON, ACTOR);
        }
        return facility;
    }

    private boolean exists(DemoPatient patient) {
        SearchParameterMap query = SearchParameterMap.newSynchronous("identifier", new TokenParam(
                JpCoreSystems.facilityPatientIdSystem(patient.facility().code()), patient.localId()));
        return !daoRegistry.getResourceDao("Patient").search(query, new SystemRequestDetails()).isEmpty();
    }
}
