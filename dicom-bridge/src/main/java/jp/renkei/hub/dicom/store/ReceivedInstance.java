package jp.renkei.hub.dicom.store;

import java.util.Optional;

import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.file.HubUids;

/**
 * What the index keeps of a received instance, read from its data set. The UIDs are checked here: they become
 * storage keys and primary keys.
 */
public record ReceivedInstance(String studyUid, String seriesUid, String sopInstanceUid, String sopClassUid,
                               String patientId, String patientName, String patientBirthDate, String patientSex,
                               String studyDate, String studyTime, String accessionNumber, String studyDescription,
                               String modality, Integer seriesNumber, String seriesDescription, String bodyPart,
                               Integer instanceNumber) {

    /** The data set is not an instance the hub can index; {@code message} says why. */
    public static final class Unacceptable extends Exception {
        public Unacceptable(String message) {
            super(message);
        }
    }

    public static ReceivedInstance of(DataSet set) throws Unacceptable {
        return new ReceivedInstance(uid(set, Tag.STUDY_INSTANCE_UID, "StudyInstanceUID"),
                uid(set, Tag.SERIES_INSTANCE_UID, "SeriesInstanceUID"),
                uid(set, Tag.SOP_INSTANCE_UID, "SOPInstanceUID"), uid(set, Tag.SOP_CLASS_UID, "SOPClassUID"),
                set.string(Tag.PATIENT_ID).map(String::strip).filter(s -> !s.isEmpty())
                        .orElseThrow(() -> new Unacceptable("PatientID (0010,0020) is missing: the hub files every "
                                + "study under the sending facility's patient")),
                text(set, Tag.PATIENT_NAME), text(set, Tag.PATIENT_BIRTH_DATE), text(set, Tag.PATIENT_SEX),
                text(set, Tag.STUDY_DATE), text(set, Tag.STUDY_TIME), text(set, Tag.ACCESSION_NUMBER),
                text(set, Tag.STUDY_DESCRIPTION), text(set, Tag.MODALITY), set.integer(Tag.SERIES_NUMBER).orElse(null),
                text(set, Tag.SERIES_DESCRIPTION), text(set, Tag.BODY_PART_EXAMINED),
                set.integer(Tag.INSTANCE_NUMBER).orElse(null));
    }

    /** Where the instance's file lives in the object store. */
    public String storageKey() {
        return studyUid + "/" + seriesUid + "/" + sopInstanceUid + ".dcm";
    }

    private static String uid(DataSet set, int tag, String name) throws Unacceptable {
        Optional<String> uid = set.string(tag);
        if (uid.isEmpty()) {
            throw new Unacceptable(name + " " + Tag.toString(tag) + " is missing");
        }
        if (!HubUids.isValid(uid.get())) {
            throw new Unacceptable(name + " '" + uid.get() + "' is not a valid UID");
        }
        return uid.get();
    }

    private static String text(DataSet set, int tag) {
        return set.strings(tag).isEmpty() ? null : String.join("\\", set.strings(tag)).strip();
    }
}
