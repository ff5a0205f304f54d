package jp.renkei.hub.dicom.query;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.net.Association;
import jp.renkei.hub.dicom.net.Dimse;
import jp.renkei.hub.dicom.net.PresentationContext;
import jp.renkei.hub.dicom.store.DicomPeer;
import jp.renkei.hub.dicom.store.ImageIndex;
import org.springframework.stereotype.Component;

/**
 * The Query service (C-FIND SCP, PS3.4 C) on the Study Root and Patient Root information models, at STUDY and
 * SERIES level. The patient is addressed by event number in PatientID; which studies the calling facility may
 * see is {@link StudyAccess}'s decision (own studies, another facility's with an IMAGING consent). A PatientID
 * that is not an event number is the calling facility's own local ID. Matches carry the event number (or the
 * caller's own local ID) as PatientID, never another facility's local ID.
 */
@Component
public class FindService extends IdentifierService {

    public static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    public static final String PATIENT_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.1.1";

    private final ImageIndex index;
    private final StudyAccess access;

    FindService(ImageIndex index, StudyAccess access) {
        super(Dimse.C_FIND_RQ, Set.of(STUDY_ROOT_FIND, PATIENT_ROOT_FIND));
        this.index = index;
        this.access = access;
    }

    @Override
    protected void serve(Association association, PresentationContext context, Dimse.Command command, DataSet keys)
            throws IOException {
        String level = keys.string(Tag.QUERY_RETRIEVE_LEVEL).orElse("");
        if (!level.equals("STUDY") && !level.equals("SERIES")) {
            association.respond(context, command, Dimse.IDENTIFIER_DOES_NOT_MATCH,
                    "QueryRetrieveLevel must be STUDY or SERIES", null);
            return;
        }
        DicomPeer peer = (DicomPeer) association.peer();
        for (DataSet match : matches(peer, keys, level)) {
            association.respond(context, command, Dimse.PENDING, null, match);
        }
        association.respond(context, command, Dimse.SUCCESS, null, null);
    }

    private List<DataSet> matches(DicomPeer peer, DataSet keys, String level) {
        String patientKey = keys.string(Tag.PATIENT_ID).map(String::strip).orElse("");
        IntPredicate asked = keys::contains;
        List<DataSet> matches = new ArrayList<>();
        for (StudyAccess.Visible candidate : access.ofPatient(peer.requester(), patientKey)) {
            ImageIndex.Study study = candidate.study();
            if (!studyMatches(keys, study)) {
                continue;
            }
            if (level.equals("STUDY")) {
                matches.add(identifier(keys, StudyAttributes.study(study, candidate.patientId(), asked)));
                continue;
            }
            for (ImageIndex.Series series : index.series(study.studyUid())) {
                if (QueryKeys.matchesUid(keys.strings(Tag.SERIES_INSTANCE_UID), series.seriesUid())
                        && QueryKeys.matches(keys.string(Tag.MODALITY).orElse(""), series.modality())) {
                    DataSet identifier = StudyAttributes.study(study, candidate.patientId(), asked);
                    matches.add(identifier(keys, StudyAttributes.series(identifier, series, asked)));
                }
            }
        }
        return matches;
    }

    private static DataSet identifier(DataSet keys, DataSet match) {
        match.setStrings(Tag.QUERY_RETRIEVE_LEVEL, Vr.CS, keys.string(Tag.QUERY_RETRIEVE_LEVEL).orElse(""));
        return match;
    }

    /** Whether the study matches the study-level keys (UIDs, date range, accession number, modalities). */
    public static boolean studyMatches(DataSet keys, ImageIndex.Study study) {
        return QueryKeys.matchesUid(keys.strings(Tag.STUDY_INSTANCE_UID), study.studyUid())
                && QueryKeys.matchesDate(keys.string(Tag.STUDY_DATE).orElse(""), study.studyDate())
                && QueryKeys.matches(keys.string(Tag.ACCESSION_NUMBER).orElse(""), study.accessionNumber())
                && QueryKeys.matchesAny(keys.string(Tag.MODALITIES_IN_STUDY).orElse(""), study.modalities());
    }
}
