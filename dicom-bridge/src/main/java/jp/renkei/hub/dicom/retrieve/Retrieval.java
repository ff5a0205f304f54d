package jp.renkei.hub.dicom.retrieve;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.query.StudyAccess;
import jp.renkei.hub.dicom.store.ImageIndex;
import org.springframework.stereotype.Component;

/**
 * Which instances a retrieval names and the requester may have: C-GET by its identifier (PATIENT, STUDY,
 * SERIES or IMAGE level), WADO-RS by its URL. Studies are opened through {@link StudyAccess} only, so a
 * retrieval sees exactly what a query would. Only index rows are gathered; files are opened one at a time by
 * whoever sends them.
 */
@Component
public class Retrieval {

    /** The instances to send and whether a named study was withheld for want of access. */
    public record Plan(List<Item> items, boolean denied, Set<String> studies) {
        public Plan {
            items = List.copyOf(items);
            studies = Set.copyOf(studies);
        }
    }

    /**
     * One instance with the study it belongs to and the PatientID the requester may see for it; {@code own}
     * when the study is the requester's facility's (the stored PatientID is then its own local ID).
     */
    public record Item(ImageIndex.Instance instance, String studyUid, String patientId, boolean own) {
    }

    /** The identifier does not say what to retrieve at its level; the message says what is missing. */
    public static final class BadIdentifier extends Exception {
        BadIdentifier(String message) {
            super(message);
        }
    }

    private final ImageIndex index;
    private final StudyAccess access;

    Retrieval(ImageIndex index, StudyAccess access) {
        this.index = index;
        this.access = access;
    }

    /** A C-GET / C-MOVE identifier (PS3.4 C.4.2.2.1, C.4.3.2.1): unique keys down to its level. */
    public Plan plan(Requester requester, DataSet keys) throws BadIdentifier {
        String level = keys.string(Tag.QUERY_RETRIEVE_LEVEL).orElse("");
        Builder plan = new Builder(requester);
        switch (level) {
            case "PATIENT" -> {
                String patient = keys.string(Tag.PATIENT_ID).map(String::strip)
                        .orElseThrow(() -> new BadIdentifier("PATIENT level needs PatientID"));
                for (StudyAccess.Visible study : access.ofPatient(requester, patient)) {
                    plan.addStudy(study, null, null);
                }
            }
            case "STUDY" -> {
                for (String study : required(keys, Tag.STUDY_INSTANCE_UID, "StudyInstanceUID")) {
                    plan.add(requester, study, null, null);
                }
            }
            case "SERIES" -> plan.add(requester, single(keys, Tag.STUDY_INSTANCE_UID, "StudyInstanceUID"),
                    Set.copyOf(required(keys, Tag.SERIES_INSTANCE_UID, "SeriesInstanceUID")), null);
            case "IMAGE" -> plan.add(requester, single(keys, Tag.STUDY_INSTANCE_UID, "StudyInstanceUID"),
                    Set.of(single(keys, Tag.SERIES_INSTANCE_UID, "SeriesInstanceUID")),
                    Set.copyOf(required(keys, Tag.SOP_INSTANCE_UID, "SOPInstanceUID")));
            default -> throw new BadIdentifier("QueryRetrieveLevel must be PATIENT, STUDY, SERIES or IMAGE, not '"
                    + level + "'");
        }
        return plan.build();
    }

    /** A WADO-RS target: a study, one of its series, or one instance ({@code null} = all). */
    public Plan plan(Requester requester, String studyUid, String seriesUid, String sopInstanceUid) {
        Builder plan = new Builder(requester);
        plan.add(requester, studyUid, seriesUid == null ? null : Set.of(seriesUid),
                sopInstanceUid == null ? null : Set.of(sopInstanceUid));
        return plan.build();
    }

    private final class Builder {
        final String requesterFacility;
        final List<Item> items = new ArrayList<>();
        final Set<String> studies = new LinkedHashSet<>();
        boolean denied;

        Builder(Requester requester) {
            this.requesterFacility = requester.facilityId();
        }

        void add(Requester requester, String studyUid, Set<String> series, Set<String> instances) {
            StudyAccess.Lookup lookup = access.study(requester, studyUid);
            denied |= lookup.denied();
            lookup.found().ifPresent(study -> addStudy(study, series, instances));
        }

        void addStudy(StudyAccess.Visible study, Set<String> series, Set<String> instances) {
            for (ImageIndex.Series s : index.series(study.study().studyUid())) {
                if (series != null && !series.contains(s.seriesUid())) {
                    continue;
                }
                for (ImageIndex.Instance instance : index.instances(s.seriesUid())) {
                    if (instances == null || instances.contains(instance.sopInstanceUid())) {
                        items.add(new Item(instance, study.study().studyUid(), study.patientId(),
                                study.study().facilityId().equals(requesterFacility)));
                        studies.add(study.study().studyUid());
                    }
                }
            }
        }

        Plan build() {
            return new Plan(items, denied, studies);
        }
    }

    private static List<String> required(DataSet keys, int tag, String name) throws BadIdentifier {
        List<String> values = keys.strings(tag).stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
        if (values.isEmpty()) {
            throw new BadIdentifier(name + " is required at this level");
        }
        return values;
    }

    private static String single(DataSet keys, int tag, String name) throws BadIdentifier {
        List<String> values = required(keys, tag, name);
        if (values.size() > 1) {
            throw new BadIdentifier(name + " must be a single value above the retrieve level");
        }
        return values.get(0);
    }
}
