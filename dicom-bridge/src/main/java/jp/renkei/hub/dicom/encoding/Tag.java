package jp.renkei.hub.dicom.encoding;

/**
 * DICOM attribute tags as {@code int}s ({@code group << 16 | element}), the tags this module names, and their
 * notation. Keywords follow the data dictionary (PS3.6).
 */
public final class Tag {

    public static final int FILE_META_INFORMATION_GROUP_LENGTH = 0x00020000;
    public static final int FILE_META_INFORMATION_VERSION = 0x00020001;
    public static final int MEDIA_STORAGE_SOP_CLASS_UID = 0x00020002;
    public static final int MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;
    public static final int TRANSFER_SYNTAX_UID = 0x00020010;
    public static final int IMPLEMENTATION_CLASS_UID = 0x00020012;
    public static final int IMPLEMENTATION_VERSION_NAME = 0x00020013;
    public static final int SOURCE_APPLICATION_ENTITY_TITLE = 0x00020016;

    public static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    public static final int IMAGE_TYPE = 0x00080008;
    public static final int SOP_CLASS_UID = 0x00080016;
    public static final int SOP_INSTANCE_UID = 0x00080018;
    public static final int STUDY_DATE = 0x00080020;
    public static final int STUDY_TIME = 0x00080030;
    public static final int ACCESSION_NUMBER = 0x00080050;
    public static final int QUERY_RETRIEVE_LEVEL = 0x00080052;
    public static final int RETRIEVE_AE_TITLE = 0x00080054;
    public static final int INSTANCE_AVAILABILITY = 0x00080056;
    public static final int MODALITY = 0x00080060;
    public static final int MODALITIES_IN_STUDY = 0x00080061;
    public static final int FAILED_SOP_INSTANCE_UID_LIST = 0x00080058;
    public static final int REFERENCED_SOP_CLASS_UID = 0x00081150;
    public static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
    public static final int RETRIEVE_URL = 0x00081190;
    public static final int FAILURE_REASON = 0x00081197;
    public static final int FAILED_SOP_SEQUENCE = 0x00081198;
    public static final int REFERENCED_SOP_SEQUENCE = 0x00081199;
    public static final int AVAILABLE_TRANSFER_SYNTAX_UID = 0x00083002;
    public static final int STUDY_DESCRIPTION = 0x00081030;
    public static final int SERIES_DESCRIPTION = 0x0008103E;
    public static final int PATIENT_NAME = 0x00100010;
    public static final int PATIENT_ID = 0x00100020;
    public static final int PATIENT_BIRTH_DATE = 0x00100030;
    public static final int PATIENT_SEX = 0x00100040;
    public static final int BODY_PART_EXAMINED = 0x00180015;
    public static final int STUDY_INSTANCE_UID = 0x0020000D;
    public static final int SERIES_INSTANCE_UID = 0x0020000E;
    public static final int STUDY_ID = 0x00200010;
    public static final int SERIES_NUMBER = 0x00200011;
    public static final int INSTANCE_NUMBER = 0x00200013;
    public static final int NUMBER_OF_STUDY_RELATED_SERIES = 0x00201206;
    public static final int NUMBER_OF_STUDY_RELATED_INSTANCES = 0x00201208;
    public static final int NUMBER_OF_SERIES_RELATED_INSTANCES = 0x00201209;
    public static final int SAMPLES_PER_PIXEL = 0x00280002;
    public static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    public static final int PLANAR_CONFIGURATION = 0x00280006;
    public static final int NUMBER_OF_FRAMES = 0x00280008;
    public static final int ROWS = 0x00280010;
    public static final int COLUMNS = 0x00280011;
    public static final int BITS_ALLOCATED = 0x00280100;
    public static final int BITS_STORED = 0x00280101;
    public static final int HIGH_BIT = 0x00280102;
    public static final int PIXEL_REPRESENTATION = 0x00280103;
    public static final int WINDOW_CENTER = 0x00281050;
    public static final int WINDOW_WIDTH = 0x00281051;
    public static final int RESCALE_INTERCEPT = 0x00281052;
    public static final int RESCALE_SLOPE = 0x00281053;
    public static final int PIXEL_DATA = 0x7FE00010;

    /** Item, item delimitation and sequence delimitation: the structure of sequences and fragments. */
    public static final int ITEM = 0xFFFEE000;
    public static final int ITEM_DELIMITATION = 0xFFFEE00D;
    public static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    public static int of(int group, int element) {
        return (group & 0xFFFF) << 16 | (element & 0xFFFF);
    }

    public static int group(int tag) {
        return tag >>> 16;
    }

    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** Private tags have an odd group number. */
    public static boolean isPrivate(int tag) {
        return (group(tag) & 1) == 1;
    }

    /** The customary notation {@code (gggg,eeee)}. */
    public static String toString(int tag) {
        return String.format("(%04X,%04X)", group(tag), element(tag));
    }

    private Tag() {
    }
}
