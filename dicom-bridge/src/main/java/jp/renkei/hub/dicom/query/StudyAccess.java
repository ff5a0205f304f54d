package jp.renkei.hub.dicom.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.access.AccessDecider;
import jp.renkei.hub.consent.access.AccessRequest;
import jp.renkei.hub.consent.access.Decision;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.dicom.store.ImageIndex;
import org.springframework.stereotype.Component;

/**
 * Which studies a requester may see, the one rule for every imaging read path (C-FIND, C-GET, QIDO-RS,
 * WADO-RS): its own facility's studies always; another facility's only when the consent decision
 * ({@link AccessDecider}, category IMAGING, audited) permits for the patient's event number. A study whose patient
 * is not linked to an event number can carry no consent, so it stays with its facility. The patient is shown
 * as the caller's own local ID or the event number, never another facility's local ID. The requester's purpose
 * of use is recorded with each decision.
 */
@Component
public class StudyAccess {

    /** A study the requester may see, with the PatientID to show for it. */
    public record Visible(ImageIndex.Study study, String patientId) {
    }

    private final ImageIndex index;
    private final PatientCrossReference crossReference;
    private final AccessDecider access;

    StudyAccess(ImageIndex index, PatientCrossReference crossReference, AccessDecider access) {
        this.index = index;
        this.crossReference = crossReference;
        this.access = access;
    }

    /**
     * The studies of the patient named by {@code patientKey}: an event number (formatted or not) reaches every
     * facility's local IDs linked to it, each facility's studies decided once; anything else is the requester's
     * own local ID (wildcards allowed; empty = all of its own studies).
     */
    public List<Visible> ofPatient(Requester requester, String patientKey) {
        Optional<EventNumber> number = eventNumber(patientKey);
        String own = requester.facilityId();
        if (number.isEmpty()) {
            List<ImageIndex.Study> studies = patientKey.isEmpty() || patientKey.contains("*")
                    || patientKey.contains("?")
                    ? index.studiesOf(own).stream().filter(s -> QueryKeys.matches(patientKey, s.patientLocalId()))
                        .toList()
                    : index.studiesOf(own, List.of(patientKey));
            return studies.stream().map(s -> new Visible(s, s.patientLocalId())).toList();
        }
        Map<String, List<String>> localIds = new LinkedHashMap<>();
        for (FacilityPatientId link : crossReference.links(number.get())) {
            localIds.computeIfAbsent(link.facilityId(), f -> new ArrayList<>()).add(link.localPatientId());
        }
        List<Visible> visible = new ArrayList<>();
        localIds.forEach((facilityId, ids) -> {
            List<ImageIndex.Study> studies = index.studiesOf(facilityId, ids);
            if (!studies.isEmpty() && permitted(requester, number.get(), facilityId)) {
                studies.forEach(s -> visible.add(new Visible(s, number.get().formatted())));
            }
        });
        return visible;
    }

    /** What a look-up by study UID found: the study, a study the requester may not see, or nothing. */
    public record Lookup(Visible visible, boolean denied) {

        public Optional<Visible> found() {
            return Optional.ofNullable(visible);
        }
    }

    /** The study by its UID, decided (and, for another facility's, audited) once. */
    public Lookup study(Requester requester, String studyUid) {
        Optional<ImageIndex.Study> study = index.study(studyUid);
        if (study.isEmpty()) {
            return new Lookup(null, false);
        }
        Optional<Visible> visible = visible(requester, study.get());
        return new Lookup(visible.orElse(null), visible.isEmpty());
    }

    private Optional<Visible> visible(Requester requester, ImageIndex.Study study) {
        if (study.facilityId().equals(requester.facilityId())) {
            return Optional.of(new Visible(study, study.patientLocalId()));
        }
        Optional<EventNumber> number = crossReference.eventNumberOf(
                new FacilityPatientId(study.facilityId(), study.patientLocalId()));
        if (number.isEmpty() || !permitted(requester, number.get(), study.facilityId())) {
            return Optional.empty();
        }
        return Optional.of(new Visible(study, number.get().formatted()));
    }

    private boolean permitted(Requester requester, EventNumber patient, String sourceFacilityId) {
        Decision decision = access.decideAndAudit(new AccessRequest(requester, patient, ConsentCategory.IMAGING,
                sourceFacilityId));
        return decision.permitted();
    }

    private Optional<EventNumber> eventNumber(String key) {
        if (!key.replace("-", "").matches("\\d{16}")) {
            return Optional.empty();
        }
        try {
            return crossReference.resolve(EventNumber.parse(key));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
