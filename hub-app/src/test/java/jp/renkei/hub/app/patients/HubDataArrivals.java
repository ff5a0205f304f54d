package jp.renkei.hub.app.patients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jp.renkei.hub.app.support.TestPaths;
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.DicomWriter;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.file.HubUids;
import jp.renkei.hub.dicom.store.ImageIndex;
import jp.renkei.hub.dicom.store.ImagingStudyPublisher;
import jp.renkei.hub.dicom.store.InstanceStore;
import jp.renkei.hub.gateway.hl7.Iso2022Jp;
import jp.renkei.hub.gateway.ingest.IngestResult;
import jp.renkei.hub.gateway.ss2.Hl7MessageIngest;
import org.springframework.context.ApplicationContext;

/** Data arriving as a facility's systems send it: an HL7 lab result (as over MLLP) and a CT image (as by C-STORE). */
final class HubDataArrivals {

    private static final Path LAB = Path.of(TestPaths.SHARED, "testdata/ssmix2/sampleData/999/901/9999013/20111220/"
            + "OML-11/9999013_20111220_OML-11_000000011000354_20111220103059000_01_1");
    private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

    private final ApplicationContext context;

    HubDataArrivals(ApplicationContext context) {
        this.context = context;
    }

    /** The sample lab result (OML-11) for the facility's patient {@code localId}, received as over MLLP. */
    IngestResult labResult(String facilityId, String localId) throws Exception {
        // a storage file ends with the file separator 0x1C; a gateway pushes the message without it
        String message = Iso2022Jp.decode(Files.readAllBytes(LAB)).replace("\u001c", "")
                .replace("|0001000052^", "|" + localId + "^");
        assertThat(message).contains("|" + localId + "^");
        return context.getBean(Hl7MessageIngest.class).receive(facilityId, Iso2022Jp.encode(message));
    }

    /** One CT instance of the facility's patient {@code localId} stored and its ImagingStudy written; its ID. */
    String ctStudy(String facilityId, String localId, String name) throws Exception {
        String studyUid = HubUids.random();
        String sop = HubUids.random();
        InstanceStore.Outcome outcome = context.getBean(InstanceStore.class).store(
                new InstanceStore.Sender(facilityId, "PATIENTS-IT"), CT_IMAGE_STORAGE, sop,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                new ByteArrayInputStream(DicomWriter.encode(ct(studyUid, sop, localId, name), true)));
        assertThat(outcome.stored()).as(outcome.comment()).isTrue();
        context.getBean(ImagingStudyPublisher.class).publish(List.of(studyUid));
        return context.getBean(ImageIndex.class).study(studyUid).orElseThrow().imagingStudyId();
    }

    private static DataSet ct(String studyUid, String sop, String localId, String name) {
        DataSet set = new DataSet();
        set.setStrings(Tag.SPECIFIC_CHARACTER_SET, Vr.CS, "", "ISO 2022 IR 87");
        set.setStrings(Tag.SOP_CLASS_UID, Vr.UI, CT_IMAGE_STORAGE);
        set.setStrings(Tag.SOP_INSTANCE_UID, Vr.UI, sop);
        set.setStrings(Tag.STUDY_DATE, Vr.DA, "20261120");
        set.setStrings(Tag.STUDY_TIME, Vr.TM, "101500");
        set.setStrings(Tag.MODALITY, Vr.CS, "CT");
        set.setStrings(Tag.STUDY_DESCRIPTION, Vr.LO, "頭部単純CT");
        set.setStrings(Tag.PATIENT_NAME, Vr.PN, name);
        set.setStrings(Tag.PATIENT_ID, Vr.LO, localId);
        set.setStrings(Tag.PATIENT_BIRTH_DATE, Vr.DA, "19480302");
        set.setStrings(Tag.PATIENT_SEX, Vr.CS, "F");
        set.setStrings(Tag.STUDY_INSTANCE_UID, Vr.UI, studyUid);
        set.setStrings(Tag.SERIES_INSTANCE_UID, Vr.UI, HubUids.random());
        set.setInt(Tag.SERIES_NUMBER, Vr.IS, 1);
        set.setInt(Tag.INSTANCE_NUMBER, Vr.IS, 1);
        set.setInt(Tag.SAMPLES_PER_PIXEL, Vr.US, 1);
        set.setStrings(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2");
        set.setInt(Tag.ROWS, Vr.US, 4);
        set.setInt(Tag.COLUMNS, Vr.US, 4);
        set.setInt(Tag.BITS_ALLOCATED, Vr.US, 16);
        set.setInt(Tag.BITS_STORED, Vr.US, 12);
        set.setInt(Tag.HIGH_BIT, Vr.US, 11);
        set.setInt(Tag.PIXEL_REPRESENTATION, Vr.US, 0);
        set.setBytes(Tag.PIXEL_DATA, Vr.OW, new byte[4 * 4 * 2]);
        return set;
    }
}
