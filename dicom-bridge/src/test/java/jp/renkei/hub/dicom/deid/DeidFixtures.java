package jp.renkei.hub.dicom.deid;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.Element;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Value;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.file.DicomFile;
import jp.renkei.hub.dicom.file.FileMetaInformation;

/** Identifying test instances, and a scan of every element of a de-identified one. */
final class DeidFixtures {

    static final String STUDY_UID = "1.2.392.200036.9116.2.5.1.37.2417.20260401.1";
    static final String SERIES_UID = STUDY_UID + ".1";
    static final String FRAME_OF_REFERENCE_UID = STUDY_UID + ".99";
    static final String PATIENT_ID = "PID-0042";
    static final String BIRTH_DATE = "19600102";
    static final String ACCESSION = "ACC-77123";
    static final String INSTITUTION = "Fukushima Chuo General Hospital";
    static final String NAME_ROMAJI = "Yamada";
    static final String NAME_KANJI = "山田";

    /** 0043,xx27 under GEMS_PARM_01: a private attribute some tests whitelist. */
    static final int PRIVATE_CREATOR_GE = Tag.of(0x0043, 0x0010);
    static final int PRIVATE_SCAN_PITCH = Tag.of(0x0043, 0x1027);

    static String sopUid(int n) {
        return SERIES_UID + "." + n;
    }

    /**
     * Instance {@code n} of the study: identifying attributes at the top level and inside sequences (a request
     * attributes item with the accession number, an unlisted sequence holding an institution name two levels
     * down, a reference to instance n-1), private attributes, dates and 64 bytes of pixel data.
     */
    static DataSet instance(int n) {
        DataSet set = new DataSet();
        set.setStrings(Tag.SPECIFIC_CHARACTER_SET, Vr.CS, "", "ISO 2022 IR 87");
        set.setStrings(Tag.IMAGE_TYPE, Vr.CS, "ORIGINAL", "PRIMARY");
        set.setStrings(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.1");
        set.setStrings(Tag.SOP_INSTANCE_UID, Vr.UI, sopUid(n));
        set.setStrings(Tag.STUDY_DATE, Vr.DA, "20260401");
        set.setStrings(0x00080023, Vr.DA, "20260401");
        set.setStrings(Tag.STUDY_TIME, Vr.TM, "101500");
        set.setStrings(Tag.ACCESSION_NUMBER, Vr.SH, ACCESSION);
        set.setStrings(Tag.MODALITY, Vr.CS, "CR");
        set.setStrings(0x00080080, Vr.LO, INSTITUTION);
        set.setStrings(0x00080081, Vr.ST, "1-1 Sakaemachi, Fukushima");
        set.setStrings(0x00080090, Vr.PN, "Suzuki^Ichiro");
        set.setStrings(Tag.STUDY_DESCRIPTION, Vr.LO, "胸部単純 " + NAME_ROMAJI);
        if (n > 1) {
            set.setItems(0x00081140, false, List.of(new DataSet()
                    .setStrings(0x00081150, Vr.UI, "1.2.840.10008.5.1.4.1.1.1")
                    .setStrings(0x00081155, Vr.UI, sopUid(n - 1))));
        }
        // Anatomic Region Sequence is not in the table: kept, but what it nests is still de-identified.
        set.setItems(0x00082218, true, List.of(new DataSet()
                .setStrings(0x00080100, Vr.SH, "T-D3000").setStrings(0x00080102, Vr.SH, "SRT")
                .setStrings(0x00080104, Vr.LO, "Chest")
                .setItems(0x00082220, false, List.of(new DataSet()
                        .setStrings(0x00080080, Vr.LO, INSTITUTION)
                        .setStrings(0x00100020, Vr.LO, PATIENT_ID)))));
        set.setStrings(Tag.of(0x0009, 0x0010), Vr.LO, "ACME PRIVATE 1.0");
        set.setStrings(Tag.of(0x0009, 0x1001), Vr.LO, NAME_ROMAJI + " " + PATIENT_ID);
        set.setStrings(PRIVATE_CREATOR_GE, Vr.LO, "GEMS_PARM_01");
        set.setStrings(PRIVATE_SCAN_PITCH, Vr.DS, "1.375");
        set.setStrings(Tag.PATIENT_NAME, Vr.PN, NAME_ROMAJI + "^Taro=" + NAME_KANJI + "^太郎");
        set.setStrings(Tag.PATIENT_ID, Vr.LO, PATIENT_ID);
        set.setStrings(Tag.PATIENT_BIRTH_DATE, Vr.DA, BIRTH_DATE);
        set.setStrings(Tag.PATIENT_SEX, Vr.CS, "M");
        set.setItems(0x00101002, false, List.of(new DataSet().setStrings(Tag.PATIENT_ID, Vr.LO, "OLD-" + PATIENT_ID)));
        set.setStrings(0x00101010, Vr.AS, "066Y");
        set.setStrings(Tag.BODY_PART_EXAMINED, Vr.CS, "CHEST");
        set.setStrings(0x00181000, Vr.LO, "SN-55555");
        set.setStrings(Tag.STUDY_INSTANCE_UID, Vr.UI, STUDY_UID);
        set.setStrings(Tag.SERIES_INSTANCE_UID, Vr.UI, SERIES_UID);
        set.setStrings(Tag.STUDY_ID, Vr.SH, "STUDY-88");
        set.setInt(Tag.INSTANCE_NUMBER, Vr.IS, n);
        set.setStrings(0x00200052, Vr.UI, FRAME_OF_REFERENCE_UID);
        set.setInt(Tag.SAMPLES_PER_PIXEL, Vr.US, 1);
        set.setStrings(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2");
        set.setInt(Tag.ROWS, Vr.US, 8);
        set.setInt(Tag.COLUMNS, Vr.US, 8);
        set.setInt(Tag.BITS_ALLOCATED, Vr.US, 8);
        set.setInt(Tag.BITS_STORED, Vr.US, 8);
        set.setInt(Tag.HIGH_BIT, Vr.US, 7);
        set.setInt(Tag.PIXEL_REPRESENTATION, Vr.US, 0);
        set.setItems(0x00400275, false, List.of(new DataSet()
                .setStrings(Tag.ACCESSION_NUMBER, Vr.SH, ACCESSION)
                .setStrings(0x00401001, Vr.SH, "RP-" + PATIENT_ID)));
        byte[] pixels = new byte[64];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 4);
        }
        set.setBytes(Tag.PIXEL_DATA, Vr.OB, pixels);
        return set;
    }

    /** Every original value a de-identified instance must not contain. */
    static List<String> identifyingStrings(int instances) {
        List<String> all = new ArrayList<>(List.of(PATIENT_ID, BIRTH_DATE, ACCESSION, INSTITUTION, NAME_ROMAJI,
                NAME_KANJI, STUDY_UID, SERIES_UID, FRAME_OF_REFERENCE_UID, "Suzuki", "Sakaemachi", "SN-55555"));
        for (int n = 1; n <= instances; n++) {
            all.add(sopUid(n));
        }
        return all;
    }

    static byte[] file(DataSet set, TransferSyntax syntax) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomFile.write(out, new FileMetaInformation(set.string(Tag.SOP_CLASS_UID).orElseThrow(),
                set.string(Tag.SOP_INSTANCE_UID).orElseThrow(), syntax.uid(), "1.2.392.200036.9116.99",
                "PACS_01", "FKS_CHUO_PACS"), set);
        return out.toByteArray();
    }

    static DicomFile.Parsed read(byte[] file) throws IOException {
        return DicomFile.read(new ByteArrayInputStream(file), Long.MAX_VALUE);
    }

    /** Every element at every depth, with its text decoded in its data set's character set. */
    record Found(int tag, Vr vr, String text) {
    }

    static List<Found> everyElement(DataSet set) {
        List<Found> found = new ArrayList<>();
        collect(set, found);
        return found;
    }

    private static void collect(DataSet set, List<Found> found) {
        for (Element element : set.elements()) {
            String text = element.vr().isText() ? String.join("\\", set.strings(element.tag())) : "";
            found.add(new Found(element.tag(), element.vr(), text));
            if (element.value() instanceof Value.Items items) {
                items.items().forEach(item -> collect(item, found));
            }
        }
    }

    private DeidFixtures() {
    }
}
