package jp.renkei.hub.dicom.query;

import java.util.function.IntPredicate;

import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.store.ImageIndex;

/**
 * The attributes of indexed studies, series and instances as DICOM data sets: one mapping from the index for
 * C-FIND responses and QIDO-RS results. Only the attributes {@code wanted} are set (a C-FIND returns what its
 * identifier asked for, PS3.4 C.2.2.1.2); the patient is always the ID the caller may see.
 */
public final class StudyAttributes {

    public static DataSet study(ImageIndex.Study study, String patientId, IntPredicate wanted) {
        DataSet set = new DataSet();
        set.setStrings(Tag.SPECIFIC_CHARACTER_SET, Vr.CS, "ISO_IR 192");
        put(set, wanted, Tag.STUDY_DATE, Vr.DA, study.studyDate());
        put(set, wanted, Tag.STUDY_TIME, Vr.TM, study.studyTime());
        put(set, wanted, Tag.ACCESSION_NUMBER, Vr.SH, study.accessionNumber());
        put(set, wanted, Tag.MODALITIES_IN_STUDY, Vr.CS, String.join("\\", study.modalities()));
        put(set, wanted, Tag.STUDY_DESCRIPTION, Vr.LO, study.studyDescription());
        put(set, wanted, Tag.PATIENT_NAME, Vr.PN, study.patientName());
        set.setStrings(Tag.PATIENT_ID, Vr.LO, patientId);
        put(set, wanted, Tag.PATIENT_BIRTH_DATE, Vr.DA, study.patientBirthDate());
        put(set, wanted, Tag.PATIENT_SEX, Vr.CS, study.patientSex());
        set.setStrings(Tag.STUDY_INSTANCE_UID, Vr.UI, study.studyUid());
        put(set, wanted, Tag.NUMBER_OF_STUDY_RELATED_SERIES, Vr.IS, Integer.toString(study.numberOfSeries()));
        put(set, wanted, Tag.NUMBER_OF_STUDY_RELATED_INSTANCES, Vr.IS, Integer.toString(study.numberOfInstances()));
        return set;
    }

    /** Adds the series' attributes to {@code set} (which holds its study's). */
    public static DataSet series(DataSet set, ImageIndex.Series series, IntPredicate wanted) {
        set.setStrings(Tag.SERIES_INSTANCE_UID, Vr.UI, series.seriesUid());
        put(set, wanted, Tag.MODALITY, Vr.CS, series.modality());
        put(set, wanted, Tag.SERIES_NUMBER, Vr.IS, series.seriesNumber() == null ? null
                : series.seriesNumber().toString());
        put(set, wanted, Tag.SERIES_DESCRIPTION, Vr.LO, series.seriesDescription());
        put(set, wanted, Tag.BODY_PART_EXAMINED, Vr.CS, series.bodyPart());
        put(set, wanted, Tag.NUMBER_OF_SERIES_RELATED_INSTANCES, Vr.IS, Integer.toString(series.numberOfInstances()));
        return set;
    }

    /** Adds the instance's attributes to {@code set} (which holds its study's and series'). */
    public static DataSet instance(DataSet set, ImageIndex.Instance instance, IntPredicate wanted) {
        set.setStrings(Tag.SOP_CLASS_UID, Vr.UI, instance.sopClassUid());
        set.setStrings(Tag.SOP_INSTANCE_UID, Vr.UI, instance.sopInstanceUid());
        put(set, wanted, Tag.INSTANCE_NUMBER, Vr.IS, instance.instanceNumber() == null ? null
                : instance.instanceNumber().toString());
        put(set, wanted, Tag.AVAILABLE_TRANSFER_SYNTAX_UID, Vr.UI, instance.transferSyntaxUid());
        return set;
    }

    private static void put(DataSet set, IntPredicate wanted, int tag, Vr vr, String value) {
        if (wanted.test(tag)) {
            set.setStrings(tag, vr, value == null ? "" : value);
        }
    }

    private StudyAttributes() {
    }
}
