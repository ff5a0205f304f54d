package jp.renkei.hub.dicom.query;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.access.AccessDecider;
import jp.renkei.hub.consent.access.AccessRequest;
import jp.renkei.hub.consent.access.Decision;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.DicomFormatException;
import jp.renkei.hub.dicom.encoding.DicomReader;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.net.Association;
import jp.renkei.hub.dicom.net.Dimse;
import jp.renkei.hub.dicom.net.DimseService;
import jp.renkei.hub.dicom.net.PresentationContext;
import jp.renkei.hub.dicom.store.DicomPeer;
import jp.renkei.hub.dicom.store.ImageIndex;
import org.springframework.stereotype.Component;

/**
 * The Query service (C-FIND SCP, PS3.4 C) on the Study Root and Patient Root information models, at STUDY and
 * SERIES level. The patient is addressed by event number in PatientID: the hub looks up every facility's local
 * ID linked to it and offers the studies filed under them — the calling facility's own, and another facility's
 * only when the consent decision ({@link AccessDecider}, category IMAGING) permits. A PatientID that is not an
 * event number is the calling facility's own local ID. Matches carry the event number (or the caller's own
 * local ID) as PatientID, never another facility's local ID.
 */
@Component
public class FindService implements DimseService {

    public static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    public static final String PATIENT_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.1.1";
    private static final int IDENTIFIER_DOES_NOT_MATCH = 0xA900;
    private static final int UNABLE_TO_PROCESS = 0xC001;
    private static final long MAX_IDENTIFIER = 64 * 1024;

    private final ImageIndex index;
    private final PatientCrossReference crossReference;
    private final AccessDecider access;

    FindService(ImageIndex index, PatientCrossReference crossReference, AccessDecider access) {
        this.index = index;
        this.crossReference = crossReference;
        this.access = access;
    }

    @Override
    public boolean provides(String abstractSyntax) {
        return STUDY_ROOT_FIND.equals(abstractSyntax) || PATIENT_ROOT_FIND.equals(abstractSyntax);
    }

    @Override
    public boolean accepts(String abstractSyntax, TransferSyntax syntax) {
        return !syntax.encapsulated();
    }

    @Override
    public void handle(Association association, PresentationContext context, Dimse.Command command,
                       InputStream dataSet) throws IOException {
        if (command.field() != Dimse.C_FIND_RQ || dataSet == null) {
            association.respond(context, command, Dimse.UNRECOGNIZED_OPERATION, "only C-FIND with an identifier", null);
            return;
        }
        DataSet keys;
        try {
            keys = new DicomReader(new java.io.BufferedInputStream(limited(dataSet)), context.transferSyntax(),
                    Long.MAX_VALUE).readDataSet();
        } catch (DicomFormatException e) {
            association.respond(context, command, UNABLE_TO_PROCESS, "malformed identifier", null);
            return;
        }
        String level = keys.string(Tag.QUERY_RETRIEVE_LEVEL).orElse("");
        if (!level.equals("STUDY") && !level.equals("SERIES")) {
            association.respond(context, command, IDENTIFIER_DOES_NOT_MATCH,
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
        List<Candidate> candidates = candidates(peer, patientKey);
        List<DataSet> matches = new ArrayList<>();
        for (Candidate candidate : candidates) {
            ImageIndex.Study study = candidate.study();
            if (!studyMatches(keys, study)) {
                continue;
            }
            if (level.equals("STUDY")) {
                matches.add(studyIdentifier(keys, study, candidate.patientId()));
                continue;
            }
            for (ImageIndex.Series series : index.series(study.studyUid())) {
                if (QueryKeys.matchesUid(keys.strings(Tag.SERIES_INSTANCE_UID), series.seriesUid())
                        && QueryKeys.matches(keys.string(Tag.MODALITY).orElse(""), series.modality())) {
                    DataSet identifier = studyIdentifier(keys, study, candidate.patientId());
                    put(keys, identifier, Tag.SERIES_INSTANCE_UID, Vr.UI, series.seriesUid());
                    put(keys, identifier, Tag.MODALITY, Vr.CS, series.modality());
                    put(keys, identifier, Tag.SERIES_NUMBER, Vr.IS,
                            series.seriesNumber() == null ? null : series.seriesNumber().toString());
                    put(keys, identifier, Tag.SERIES_DESCRIPTION, Vr.LO, series.seriesDescription());
                    put(keys, identifier, Tag.NUMBER_OF_SERIES_RELATED_INSTANCES, Vr.IS,
                            Integer.toString(series.numberOfInstances()));
                    matches.add(identifier);
                }
            }
        }
        return matches;
    }

    /** A study the caller may see, with the PatientID to show for it. */
    private record Candidate(ImageIndex.Study study, String patientId) {
    }

    private List<Candidate> candidates(DicomPeer peer, String patientKey) {
        Optional<EventNumber> number = eventNumber(patientKey);
        if (number.isEmpty()) {
            // No event number: only the caller's own studies, by its own local ID (or all of them).
            List<ImageIndex.Study> own = patientKey.isEmpty() || patientKey.contains("*") || patientKey.contains("?")
                    ? index.studiesOf(peer.facilityId()).stream()
                        .filter(s -> QueryKeys.matches(patientKey, s.patientLocalId())).toList()
                    : index.studiesOf(peer.facilityId(), List.of(patientKey));
            return own.stream().map(s -> new Candidate(s, s.patientLocalId())).toList();
        }
        Map<String, List<String>> localIds = new LinkedHashMap<>();
        for (FacilityPatientId link : crossReference.links(number.get())) {
            localIds.computeIfAbsent(link.facilityId(), f -> new ArrayList<>()).add(link.localPatientId());
        }
        HubPrincipal principal = new HubPrincipal(HubPrincipal.Kind.SYSTEM, "dicom-ae:" + peer.aeTitle(),
                peer.aeTitle(), peer.facilityId(), Set.of(HubRole.PACS_FORWARDER));
        List<Candidate> candidates = new ArrayList<>();
        localIds.forEach((facilityId, ids) -> {
            List<ImageIndex.Study> studies = index.studiesOf(facilityId, ids);
            if (studies.isEmpty()) {
                return;
            }
            AccessRequest request = new AccessRequest(principal, number.get(), ConsentCategory.IMAGING, facilityId,
                    "TREAT");
            Decision decision = access.decideAndAudit(request);
            if (decision.permitted()) {
                studies.forEach(s -> candidates.add(new Candidate(s, number.get().formatted())));
            }
        });
        return candidates;
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

    private static boolean studyMatches(DataSet keys, ImageIndex.Study study) {
        return QueryKeys.matchesUid(keys.strings(Tag.STUDY_INSTANCE_UID), study.studyUid())
                && QueryKeys.matchesDate(keys.string(Tag.STUDY_DATE).orElse(""), study.studyDate())
                && QueryKeys.matches(keys.string(Tag.ACCESSION_NUMBER).orElse(""), study.accessionNumber())
                && QueryKeys.matchesAny(keys.string(Tag.MODALITIES_IN_STUDY).orElse(""), study.modalities());
    }

    /** The study-level attributes the query asked for, filled in from the index. */
    private static DataSet studyIdentifier(DataSet keys, ImageIndex.Study study, String patientId) {
        DataSet identifier = new DataSet();
        identifier.setStrings(Tag.SPECIFIC_CHARACTER_SET, Vr.CS, "ISO_IR 192");
        identifier.setStrings(Tag.QUERY_RETRIEVE_LEVEL, Vr.CS, keys.string(Tag.QUERY_RETRIEVE_LEVEL).orElse(""));
        put(keys, identifier, Tag.STUDY_DATE, Vr.DA, study.studyDate());
        put(keys, identifier, Tag.STUDY_TIME, Vr.TM, study.studyTime());
        put(keys, identifier, Tag.ACCESSION_NUMBER, Vr.SH, study.accessionNumber());
        put(keys, identifier, Tag.MODALITIES_IN_STUDY, Vr.CS, String.join("\\", study.modalities()));
        put(keys, identifier, Tag.STUDY_DESCRIPTION, Vr.LO, study.studyDescription());
        put(keys, identifier, Tag.PATIENT_NAME, Vr.PN, study.patientName());
        identifier.setStrings(Tag.PATIENT_ID, Vr.LO, patientId);
        put(keys, identifier, Tag.PATIENT_BIRTH_DATE, Vr.DA, study.patientBirthDate());
        put(keys, identifier, Tag.PATIENT_SEX, Vr.CS, study.patientSex());
        identifier.setStrings(Tag.STUDY_INSTANCE_UID, Vr.UI, study.studyUid());
        put(keys, identifier, Tag.NUMBER_OF_STUDY_RELATED_SERIES, Vr.IS, Integer.toString(study.numberOfSeries()));
        put(keys, identifier, Tag.NUMBER_OF_STUDY_RELATED_INSTANCES, Vr.IS,
                Integer.toString(study.numberOfInstances()));
        return identifier;
    }

    /** Returns an attribute only if the query asked for it (PS3.4 C.2.2.1.2). */
    private static void put(DataSet keys, DataSet identifier, int tag, Vr vr, String value) {
        if (keys.contains(tag)) {
            identifier.setStrings(tag, vr, value == null ? "" : value);
        }
    }

    private static InputStream limited(InputStream in) {
        return new InputStream() {
            long read;

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0 && ++read > MAX_IDENTIFIER) {
                    throw new DicomFormatException("identifier longer than " + MAX_IDENTIFIER + " bytes");
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                read += Math.max(n, 0);
                if (read > MAX_IDENTIFIER) {
                    throw new DicomFormatException("identifier longer than " + MAX_IDENTIFIER + " bytes");
                }
                return n;
            }
        };
    }
}
