package jp.renkei.hub.app.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import jp.renkei.hub.core.facility.AeTitle;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityApplication;
import jp.renkei.hub.core.facility.FacilityContact;
import jp.renkei.hub.core.facility.FacilityDetails;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.facility.MedicalInstitutionCode;
import jp.renkei.hub.core.facility.PostalAddress;
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.file.DicomFile;
import jp.renkei.hub.dicom.file.FileMetaInformation;
import jp.renkei.hub.dicom.file.HubUids;
import jp.renkei.hub.dicom.net.Pdu;
import jp.renkei.hub.dicom.net.PduCodec;

/** Test instances, DCMTK runs and test facilities shared by the DICOM integration tests. */
public final class DicomFixtures {

    public static final String HUB_AE = "RENKEIHUB";

    public record Result(int exit, String output) {
    }

    public static void requireDcmtk(String... tools) {
        for (String tool : tools) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin", tool)), "DCMTK's " + tool
                    + " is not installed (apt-get install dcmtk): DICOM interoperability test skipped");
        }
    }

    /**
     * Asks for a Verification association as {@code callingAe} on a connected socket and returns the hub's answer,
     * releasing the association when it is accepted.
     */
    static Pdu askVerification(Socket socket, String callingAe, String implementationVersion) throws IOException {
        socket.setSoTimeout(10_000);
        PduCodec.write(socket.getOutputStream(), new Pdu.AssociateRequest(HUB_AE, callingAe, "1.2.840.10008.3.1.1.1",
                List.of(new Pdu.ProposedContext(1, "1.2.840.10008.1.1",
                        List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid()))),
                new Pdu.UserInformation(16384, "1.2.3.4", implementationVersion)));
        InputStream in = new BufferedInputStream(socket.getInputStream());
        Pdu answer = PduCodec.read(in, 1 << 20);
        if (answer instanceof Pdu.AssociateAccept) {
            PduCodec.write(socket.getOutputStream(), new Pdu.ReleaseRequest());
            PduCodec.read(in, 1 << 20);
        }
        return answer;
    }

    public static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** dcmdump's rendering of the data set alone (the meta group legitimately differs). */
    public static String dataSetDump(Path file) throws Exception {
        Result dump = run("dcmdump", "+L", file.toString());
        assertThat(dump.exit()).as(dump.output()).isZero();
        return dump.output().substring(dump.output().indexOf("# Dicom-Data-Set"));
    }

    /** An 8x8 MONOCHROME2 secondary-capture image in Explicit VR LE, the patient's name in ISO 2022 IR 87. */
    public static Path uncompressed(Path work, String studyUid, String patientId) throws IOException {
        return uncompressed(work, studyUid, HubUids.random(), patientId);
    }

    /** As {@link #uncompressed(Path, String, String)}, in the given series. */
    static Path uncompressed(Path work, String studyUid, String seriesUid, String patientId) throws IOException {
        DataSet set = patientAndStudy(studyUid, patientId);
        String sop = HubUids.random();
        set.setStrings(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.7");
        set.setStrings(Tag.SOP_INSTANCE_UID, Vr.UI, sop);
        set.setStrings(Tag.MODALITY, Vr.CS, "OT");
        set.setStrings(Tag.SERIES_INSTANCE_UID, Vr.UI, seriesUid);
        set.setInt(Tag.SERIES_NUMBER, Vr.IS, 1);
        set.setInt(Tag.INSTANCE_NUMBER, Vr.IS, 1);
        set.setInt(Tag.SAMPLES_PER_PIXEL, Vr.US, 1);
        set.setStrings(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2");
        set.setInt(Tag.ROWS, Vr.US, 8);
        set.setInt(Tag.COLUMNS, Vr.US, 8);
        set.setInt(Tag.BITS_ALLOCATED, Vr.US, 8);
        set.setInt(Tag.BITS_STORED, Vr.US, 8);
        set.setInt(Tag.HIGH_BIT, Vr.US, 7);
        set.setInt(Tag.PIXEL_REPRESENTATION, Vr.US, 0);
        byte[] pixels = new byte[64];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 4);
        }
        set.setBytes(Tag.PIXEL_DATA, Vr.OB, pixels);
        Path file = work.resolve(sop + ".dcm");
        try (OutputStream out = Files.newOutputStream(file)) {
            DicomFile.write(out, FileMetaInformation.byHub("1.2.840.10008.5.1.4.1.1.7", sop,
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), "IT"), set);
        }
        return file;
    }

    static DataSet patientAndStudy(String studyUid, String patientId) {
        DataSet set = new DataSet();
        set.setStrings(Tag.SPECIFIC_CHARACTER_SET, Vr.CS, "", "ISO 2022 IR 87");
        set.setStrings(Tag.STUDY_DATE, Vr.DA, "20260401");
        set.setStrings(Tag.STUDY_TIME, Vr.TM, "101500");
        set.setStrings(Tag.ACCESSION_NUMBER, Vr.SH, "ACC1");
        set.setStrings(Tag.STUDY_DESCRIPTION, Vr.LO, "胸部単純");
        set.setStrings(Tag.PATIENT_NAME, Vr.PN, "Yamada^Taro=山田^太郎=やまだ^たろう");
        set.setStrings(Tag.PATIENT_ID, Vr.LO, patientId);
        set.setStrings(Tag.PATIENT_BIRTH_DATE, Vr.DA, "19600102");
        set.setStrings(Tag.PATIENT_SEX, Vr.CS, "M");
        set.setStrings(Tag.STUDY_INSTANCE_UID, Vr.UI, studyUid);
        set.setStrings(Tag.STUDY_ID, Vr.SH, "1");
        return set;
    }

    /**
     * A JPEG-baseline secondary capture made by DCMTK's img2dcm from a small generated 16x16 JPEG, which is
     * kept next to it as {@code image-<study>.jpg}.
     */
    static Path jpegBaseline(Path work, String studyUid, String patientId) throws Exception {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.getRaster().setSample(x, y, 0, (x + y) * 8);
            }
        }
        Path jpg = work.resolve("image-" + studyUid + ".jpg");
        ImageIO.write(image, "jpg", jpg.toFile());
        Path dicom = work.resolve("jpeg-" + studyUid + ".dcm");
        Result made = run("img2dcm", jpg.toString(), dicom.toString(), "-k", "PatientID=" + patientId,
                "-k", "StudyInstanceUID=" + studyUid, "-k", "PatientName=Yamada^Taro", "-k", "StudyDate=20260401",
                "-k", "Modality=OT", "-k", "SeriesNumber=2");
        assertThat(made.exit()).as(made.output()).isZero();
        return dicom;
    }

    /** Registers an ACTIVE clinic with one AE title (each test its own code and title). */
    public static Facility activeClinic(FacilityRegistry registry, String code, String name, String aeTitle) {
        Facility clinic = registry.apply(new FacilityApplication(FacilityKind.CLINIC,
                new MedicalInstitutionCode(code), new FacilityDetails(name, "テストイイン",
                        new PostalAddress("960-8031", "福島県", "福島市", "栄町9-9"), "県北",
                        new FacilityContact("024-000-0099", null), List.of(new AeTitle(aeTitle)))), "dicom-it");
        registry.changeStatus(clinic.id(), FacilityStatus.APPROVED, null, "dicom-it");
        registry.changeStatus(clinic.id(), FacilityStatus.ACTIVE, null, "dicom-it");
        return clinic;
    }

    private DicomFixtures() {
    }
}
