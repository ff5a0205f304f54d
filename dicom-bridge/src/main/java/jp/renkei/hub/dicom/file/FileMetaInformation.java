package jp.renkei.hub.dicom.file;

import java.util.Objects;

import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.DicomFormatException;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.Vr;

/**
 * The File Meta Information group (0002,xxxx) of a Part 10 file (PS3.10 7.1).
 *
 * @param sourceAeTitle the AE that sent the instance; may be null
 */
public record FileMetaInformation(String mediaStorageSopClassUid, String mediaStorageSopInstanceUid,
                                  String transferSyntaxUid, String implementationClassUid,
                                  String implementationVersionName, String sourceAeTitle) {

    private static final byte[] VERSION = {0, 1};

    public FileMetaInformation {
        Objects.requireNonNull(mediaStorageSopClassUid, "mediaStorageSopClassUid");
        Objects.requireNonNull(mediaStorageSopInstanceUid, "mediaStorageSopInstanceUid");
        Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
        Objects.requireNonNull(implementationClassUid, "implementationClassUid");
    }

    /** Meta information written by the hub for an instance it received. */
    public static FileMetaInformation byHub(String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
                                            String sourceAeTitle) {
        return new FileMetaInformation(sopClassUid, sopInstanceUid, transferSyntaxUid,
                HubUids.IMPLEMENTATION_CLASS_UID, HubUids.IMPLEMENTATION_VERSION_NAME, sourceAeTitle);
    }

    /** The group's elements, without the group length (which the writer computes). */
    public DataSet toDataSet() {
        DataSet set = new DataSet();
        set.setBytes(Tag.FILE_META_INFORMATION_VERSION, Vr.OB, VERSION);
        set.setStrings(Tag.MEDIA_STORAGE_SOP_CLASS_UID, Vr.UI, mediaStorageSopClassUid);
        set.setStrings(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID, Vr.UI, mediaStorageSopInstanceUid);
        set.setStrings(Tag.TRANSFER_SYNTAX_UID, Vr.UI, transferSyntaxUid);
        set.setStrings(Tag.IMPLEMENTATION_CLASS_UID, Vr.UI, implementationClassUid);
        if (implementationVersionName != null) {
            set.setStrings(Tag.IMPLEMENTATION_VERSION_NAME, Vr.SH, implementationVersionName);
        }
        if (sourceAeTitle != null) {
            set.setStrings(Tag.SOURCE_APPLICATION_ENTITY_TITLE, Vr.AE, sourceAeTitle);
        }
        return set;
    }

    public static FileMetaInformation from(DataSet group) throws DicomFormatException {
        return new FileMetaInformation(required(group, Tag.MEDIA_STORAGE_SOP_CLASS_UID),
                required(group, Tag.MEDIA_STORAGE_SOP_INSTANCE_UID), required(group, Tag.TRANSFER_SYNTAX_UID),
                required(group, Tag.IMPLEMENTATION_CLASS_UID),
                group.string(Tag.IMPLEMENTATION_VERSION_NAME).orElse(null),
                group.string(Tag.SOURCE_APPLICATION_ENTITY_TITLE).orElse(null));
    }

    private static String required(DataSet group, int tag) throws DicomFormatException {
        return group.string(tag).orElseThrow(() -> new DicomFormatException("file meta information lacks "
                + Tag.toString(tag)));
    }
}
