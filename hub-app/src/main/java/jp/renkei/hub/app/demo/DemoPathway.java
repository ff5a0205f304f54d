package jp.renkei.hub.app.demo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.PurposeOfUse;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.regional.pathway.Pathway;
import jp.renkei.hub.regional.pathway.PathwayStart;
import jp.renkei.hub.regional.pathway.Pathways;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One demo stroke pathway (脳卒中地域連携パス), so the portal shows one on first start: the demo hospital plans it for
 * its first network patient (who consented), takes the acute and recovery stages itself and names the demo clinic
 * and the visiting-nurse station for the maintenance stage. The acute and recovery stages are recorded and done,
 * the nurse station has recorded a first visit, and the clinic's doctor still has their sheet to fill in. Made
 * through {@link Pathways} as the demo loader acting for each facility, like the other demo data.
 */
@Component
class DemoPathway {

    private static final Logger log = LoggerFactory.getLogger(DemoPathway.class);
    static final String PATIENT = "N000001";

    private final Pathways pathways;
    private final PatientCrossReference crossReference;

    DemoPathway(Pathways pathways, PatientCrossReference crossReference) {
        this.pathways = pathways;
        this.crossReference = crossReference;
    }

    void ensure(Map<DemoFacility, String> facilityIds) {
        String hospital = facilityIds.get(DemoFacility.HOSPITAL);
        String clinic = facilityIds.get(DemoFacility.CLINIC);
        String station = facilityIds.get(DemoDirectory.NURSE_STATION);
        Optional<EventNumber> number = crossReference.eventNumberOf(new FacilityPatientId(hospital, PATIENT));
        if (number.isEmpty() || clinic == null || station == null) {
            return;
        }
        Requester doctor = as("中央 一郎", hospital, HubRole.DOCTOR);
        if (pathways.involving(doctor).stream().anyMatch(p -> p.eventNumber().equals(number.get().digits()))) {
            return;
        }
        Pathway pathway = pathways.start(doctor, new PathwayStart("stroke", number.get().digits(), Map.of(
                "acute", List.of(hospital), "recovery", List.of(hospital), "maintenance", List.of(clinic, station))));
        UUID id = pathway.id();
        Requester therapist = as("理学 療子", hospital, HubRole.THERAPIST);
        LocalDate onset = LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(60);
        pathways.record(doctor, id, "acute", "acute-doctor", Map.of("type", "infarction", "onset", onset.toString(),
                "nihss", "9", "mrs", "4", "barthel", "30", "thrombolysis", "true", "note", "左中大脳動脈領域の脳梗塞、右片麻痺"));
        pathways.record(therapist, id, "acute", "acute-therapist", Map.of("barthel", "35", "fim-motor", "38",
                "fim-cognitive", "25", "swallowing", "modified"));
        pathways.complete(doctor, id, "acute", Map.of("acute-stable", true, "acute-transfer", true), "回復期病棟へ転棟");
        pathways.record(therapist, id, "recovery", "recovery-therapist", Map.of("barthel", "65", "fim-motor", "62",
                "fim-cognitive", "30", "walking", "aid"));
        pathways.record(doctor, id, "recovery", "recovery-doctor", Map.of("mrs", "3", "barthel", "75",
                "discharge", "home", "discharge-date", onset.plusDays(55).toString()));
        pathways.complete(doctor, id, "recovery", Map.of("recovery-adl", true, "recovery-home", true),
                "自宅退院。かかりつけ医と訪問看護に引き継ぎ");
        pathways.record(as("吾妻 看護師", station, HubRole.VISITING_NURSE), id, "maintenance", "maintenance-nurse",
                Map.of("barthel", "75", "pressure-ulcer", "d0", "falls", "0", "note", "杖歩行で屋内自立"));
        log.info("Demo stroke pathway {} for {}", id, PATIENT);
    }

    /** The demo loader acting as a named demo clinician of a facility. */
    private static Requester as(String name, String facilityId, HubRole role) {
        return new Requester(new HubPrincipal(HubPrincipal.Kind.PERSON, DemoDataLoader.ACTOR, name + " (デモ)",
                facilityId, Set.of(role)), PurposeOfUse.TREAT);
    }
}
