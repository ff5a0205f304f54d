package jp.renkei.hub.app.demo;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.ConsentRegistry;
import jp.renkei.hub.consent.ConsentTerms;
import jp.renkei.hub.consent.FacilityScope;
import jp.renkei.hub.consent.ObtainedVia;
import jp.renkei.hub.consent.ValidityPeriod;
import jp.renkei.hub.core.patient.Enrolment;
import jp.renkei.hub.core.patient.PatientEnrolment;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import org.springframework.stereotype.Component;

/**
 * Makes the demo network share, so that a cross-facility query can be tried on first start: each demo network
 * patient ({@link DemoDataLoader#networkPatient}) is enrolled by the hospital (gets an event number, which the
 * identifier sync puts on its FHIR Patient), and three in four ({@link #consents(int)}) have consented to
 * clinical and dispensing sharing with every participating facility; the fourth has not, so the demo also
 * shows the gate hiding a patient. Done through the registry's own services, as the demo loader acting for
 * the hospital.
 */
@Component
public class DemoSharing {

    private static final Set<ConsentCategory> CATEGORIES = EnumSet.of(ConsentCategory.CLINICAL,
            ConsentCategory.DISPENSING);

    private final PatientEnrolment enrolment;
    private final ConsentRegistry consents;

    DemoSharing(PatientEnrolment enrolment, ConsentRegistry consents) {
        this.enrolment = enrolment;
        this.consents = consents;
    }

    /** Whether the demo network patient with this index has consented to sharing. */
    public static boolean consents(int index) {
        return index % 4 != 3;
    }

    /** Enrols the patient and records its demo consents, unless that was done on an earlier start. */
    void share(int index, DemoDataLoader.DemoPatient patient, String facilityId) {
        HubPrincipal actor = new HubPrincipal(HubPrincipal.Kind.SYSTEM, DemoDataLoader.ACTOR, "demo loader",
                facilityId, Set.of(HubRole.CLERK));
        Enrolment enrolled = enrolment.enrol(facilityId, patient.localId(), actor);
        String number = enrolled.eventNumber().formatted();
        if (!consents(index) || !consents.consentsOf(enrolled.eventNumber()).isEmpty()) {
            return;
        }
        ConsentTerms terms = new ConsentTerms(FacilityScope.everyFacility(), FacilityScope.everyFacility(),
                new ValidityPeriod(Instant.now(), null), ObtainedVia.WRITTEN_FORM);
        CATEGORIES.forEach(category -> consents.record(number, category, terms, null, actor));
    }
}
