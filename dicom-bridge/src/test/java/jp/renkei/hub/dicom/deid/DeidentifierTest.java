package jp.renkei.hub.dicom.deid;

import static jp.renkei.hub.dicom.deid.DeidFixtures.everyElement;
import static jp.renkei.hub.dicom.deid.DeidFixtures.file;
import static jp.renkei.hub.dicom.deid.DeidFixtures.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Value;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.file.DicomFile;
import jp.renkei.hub.dicom.file.HubUids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeidentifierTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final StudyPseudonym pseudonym = StudyPseudonym.random(RANDOM);

    private static Deidentifier deidentifier(DateHandling dates, PrivateWhitelist whitelist) {
        return new Deidentifier(ConfidentialityProfile.basic(), new DeidOptions(dates, true, whitelist));
    }

    private static DicomFile.Parsed deidentifiedFile(Deidentifier deidentifier, DataSet original,
                                                     StudyPseudonym pseudonym, TransferSyntax syntax) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        deidentifier.deidentify(new ByteArrayInputStream(file(original, syntax)), out, pseudonym);
        return DeidFixtures.read(out.toByteArray());
    }

    @Test
    void theProfileTableIsTheStandardsTable() {
        ConfidentialityProfile profile = ConfidentialityProfile.basic();
        assertThat(profile.size()).isGreaterThan(600);
        assertThat(profile.entry(Tag.PATIENT_NAME).orElseThrow().basic()).isEqualTo(ProfileAction.Z);
        assertThat(profile.entry(Tag.STUDY_INSTANCE_UID).orElseThrow().basic()).isEqualTo(ProfileAction.U);
        assertThat(profile.entry(0x00080080).orElseThrow().basic()).isEqualTo(ProfileAction.X_Z_D);
        assertThat(profile.entry(0x00081140).orElseThrow().basic()).isEqualTo(ProfileAction.X_Z_U);
        assertThat(profile.entry(Tag.STUDY_DATE).orElseThrow().fullDates()).contains(ProfileAction.K);
        assertThat(profile.entry(Tag.PATIENT_SEX).orElseThrow().patientCharacteristics()).contains(ProfileAction.K);
        // a repeating group: overlay data in any 60xx group
        assertThat(profile.entry(Tag.of(0x6002, 0x3000)).orElseThrow().basic()).isEqualTo(ProfileAction.X);
        assertThat(profile.entry(Tag.MODALITY)).isEmpty();
        assertThat(profile.privateAttributes().basic()).isEqualTo(ProfileAction.X);
    }

    @Test
    void noOriginalIdentifierOrUidIsLeftInAnyElementNorAnywhereInTheBytes() throws Exception {
        Deidentifier deidentifier = deidentifier(DateHandling.KEEP, PrivateWhitelist.NONE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        deidentifier.deidentify(new ByteArrayInputStream(file(instance(2), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)),
                out, pseudonym);
        byte[] bytes = out.toByteArray();
        DicomFile.Parsed parsed = DeidFixtures.read(bytes);

        List<DeidFixtures.Found> elements = everyElement(parsed.dataSet());
        assertThat(elements).hasSizeGreaterThan(20);
        for (String original : DeidFixtures.identifyingStrings(2)) {
            assertThat(elements).as("elements holding %s", original).noneMatch(e -> e.text().contains(original));
            // also as raw bytes: in any character set, the ASCII parts would show
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).as("file bytes").doesNotContain(original);
        }
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("FKS_CHUO_PACS");
        assertThat(elements).noneMatch(e -> Tag.isPrivate(e.tag()));
        assertThat(parsed.meta().sourceAeTitle()).isNull();

        DataSet set = parsed.dataSet();
        assertThat(set.string(Tag.PATIENT_NAME)).contains(pseudonym.token());
        assertThat(set.string(Tag.PATIENT_ID)).contains(pseudonym.token());
        assertThat(set.strings(Tag.PATIENT_BIRTH_DATE)).isEmpty();
        assertThat(set.contains(Tag.PATIENT_BIRTH_DATE)).as("Z: present, empty").isTrue();
        assertThat(set.strings(Tag.ACCESSION_NUMBER)).isEmpty();
        assertThat(set.string(0x00080080)).as("institution name: X/Z/D -> dummy").contains("DEIDENTIFIED");
        assertThat(set.contains(0x00101002)).as("Other Patient IDs Sequence: X").isFalse();
        assertThat(set.contains(0x00400275)).as("Request Attributes Sequence: X").isFalse();
        assertThat(set.string(DeidTags.PATIENT_IDENTITY_REMOVED)).contains("YES");
        assertThat(set.strings(DeidTags.DEIDENTIFICATION_METHOD)).contains("Basic Application Confidentiality Profile");
        assertThat(set.items(DeidTags.DEIDENTIFICATION_METHOD_CODE_SEQUENCE))
                .extracting(item -> item.string(DeidTags.CODE_VALUE).orElseThrow())
                .containsExactly("113100", "113106", "113108");
        assertThat(set.string(DeidTags.LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED)).contains("UNMODIFIED");
        // kept: what a reader needs
        assertThat(set.string(Tag.MODALITY)).contains("CR");
        assertThat(set.string(Tag.BODY_PART_EXAMINED)).contains("CHEST");
        assertThat(set.string(Tag.STUDY_DATE)).contains("20260401");
        assertThat(set.string(Tag.PATIENT_SEX)).contains("M");
        assertThat(set.string(0x00101010)).contains("066Y");
        assertThat(set.bytes(Tag.PIXEL_DATA)).hasValueSatisfying(
                pixels -> assertThat(pixels).isEqualTo(instance(2).bytes(Tag.PIXEL_DATA).orElseThrow()));
        // an unlisted sequence is kept, what it nests is de-identified
        DataSet region = set.items(0x00082218).get(0);
        assertThat(region.string(0x00080104)).contains("Chest");
        DataSet modifier = region.items(0x00082220).get(0);
        assertThat(modifier.string(0x00080080)).contains("DEIDENTIFIED");
        assertThat(modifier.string(Tag.PATIENT_ID)).as("Z/D -> dummy").contains("DEIDENTIFIED");
    }

    @Test
    void uidsAreRemappedConsistentlyAcrossTheInstancesOfAStudyAndDifferPerRelease() throws Exception {
        Deidentifier deidentifier = deidentifier(DateHandling.KEEP, PrivateWhitelist.NONE);
        DataSet first = deidentifiedFile(deidentifier, instance(1), pseudonym, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)
                .dataSet();
        DicomFile.Parsed secondFile = deidentifiedFile(deidentifier, instance(2), pseudonym,
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        DataSet second = secondFile.dataSet();

        for (int tag : new int[] {Tag.STUDY_INSTANCE_UID, Tag.SERIES_INSTANCE_UID, 0x00200052}) {
            String uid = first.string(tag).orElseThrow();
            assertThat(second.string(tag)).contains(uid);
            assertThat(uid).startsWith("2.25.");
            assertThat(HubUids.isValid(uid)).isTrue();
        }
        String firstSop = first.string(Tag.SOP_INSTANCE_UID).orElseThrow();
        assertThat(firstSop).isNotEqualTo(second.string(Tag.SOP_INSTANCE_UID).orElseThrow());
        assertThat(second.items(0x00081140).get(0).string(0x00081155)).as("reference to instance 1").contains(firstSop);
        assertThat(second.items(0x00081140).get(0).string(0x00081150)).as("SOP class kept")
                .contains("1.2.840.10008.5.1.4.1.1.1");
        assertThat(secondFile.meta().mediaStorageSopInstanceUid()).isEqualTo(second.string(Tag.SOP_INSTANCE_UID).orElseThrow());

        StudyPseudonym other = StudyPseudonym.random(RANDOM);
        DataSet otherRelease = deidentifier.deidentify(instance(1), other);
        assertThat(otherRelease.string(Tag.STUDY_INSTANCE_UID)).isNotEqualTo(first.string(Tag.STUDY_INSTANCE_UID));
        assertThat(other.token()).isNotEqualTo(pseudonym.token());
    }

    @Test
    void datesAreKeptShiftedOrRemovedAsConfigured() {
        DataSet shifted = deidentifier(DateHandling.SHIFT, PrivateWhitelist.NONE).deidentify(instance(1),
                new StudyPseudonym("RH-TEST", new byte[32], -10));
        assertThat(shifted.string(Tag.STUDY_DATE)).contains("20260322");
        assertThat(shifted.string(0x00080023)).contains("20260322");
        assertThat(shifted.string(Tag.STUDY_TIME)).contains("101500");
        assertThat(shifted.strings(Tag.PATIENT_BIRTH_DATE)).isEmpty();
        assertThat(shifted.string(DeidTags.LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED)).contains("MODIFIED");
        assertThat(shifted.items(DeidTags.DEIDENTIFICATION_METHOD_CODE_SEQUENCE))
                .extracting(item -> item.string(DeidTags.CODE_VALUE).orElseThrow()).contains("113107");

        DataSet removed = new Deidentifier(ConfidentialityProfile.basic(),
                new DeidOptions(DateHandling.REMOVE, false, PrivateWhitelist.NONE)).deidentify(instance(1), pseudonym);
        assertThat(removed.contains(Tag.STUDY_DATE)).isTrue();
        assertThat(removed.strings(Tag.STUDY_DATE)).isEmpty();
        assertThat(removed.strings(Tag.PATIENT_SEX)).as("without Retain Patient Characteristics").isEmpty();
        assertThat(removed.contains(0x00101010)).isFalse();
        assertThat(removed.string(DeidTags.LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED)).contains("REMOVED");
    }

    @Test
    void privateAttributesGoUnlessWhitelistedWithTheirCreator() {
        PrivateWhitelist whitelist = PrivateWhitelist.parse(List.of("(0043,xx27) GEMS_PARM_01"));
        DataSet set = deidentifier(DateHandling.KEEP, whitelist).deidentify(instance(1), pseudonym);
        assertThat(set.string(DeidFixtures.PRIVATE_SCAN_PITCH)).contains("1.375");
        assertThat(set.string(DeidFixtures.PRIVATE_CREATOR_GE)).contains("GEMS_PARM_01");
        assertThat(set.contains(Tag.of(0x0009, 0x0010))).isFalse();
        assertThat(set.contains(Tag.of(0x0009, 0x1001))).isFalse();

        // the same element under another creator is not the whitelisted attribute
        DataSet forged = instance(1);
        forged.setStrings(DeidFixtures.PRIVATE_CREATOR_GE, Vr.LO, "SOMEONE ELSE");
        assertThat(deidentifier(DateHandling.KEEP, whitelist).deidentify(forged, pseudonym)
                .contains(DeidFixtures.PRIVATE_SCAN_PITCH)).isFalse();
        assertThat(PrivateWhitelist.parse(List.of("0043xx27 GEMS_PARM_01"))).isEqualTo(whitelist);
        assertThatThrownBy(() -> PrivateWhitelist.parse(List.of("(0042,xx27) EVEN GROUP")))
                .hasMessageContaining("not private");
    }

    @Test
    void burnedInAnnotationIsRefusedNotPretendedAway() {
        DataSet burned = instance(1);
        burned.setStrings(DeidTags.BURNED_IN_ANNOTATION, Vr.CS, "YES");
        Deidentifier deidentifier = deidentifier(DateHandling.KEEP, PrivateWhitelist.NONE);
        assertThatThrownBy(() -> deidentifier.deidentify(burned, pseudonym))
                .isInstanceOf(NotDeidentifiableException.class).hasMessageContaining("burned-in annotation");
        assertThatThrownBy(() -> deidentifier.deidentify(new ByteArrayInputStream(
                        file(burned, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)), new ByteArrayOutputStream(), pseudonym))
                .isInstanceOf(NotDeidentifiableException.class);
        burned.setStrings(DeidTags.BURNED_IN_ANNOTATION, Vr.CS, "NO");
        assertThat(deidentifier.deidentify(burned, pseudonym).string(DeidTags.BURNED_IN_ANNOTATION)).contains("NO");
    }

    @Test
    void encapsulatedPixelDataAndTrailingElementsAreHandled() throws Exception {
        DataSet jpeg = instance(1);
        jpeg.put(new jp.renkei.hub.dicom.encoding.Element(Tag.PIXEL_DATA, Vr.OB,
                new Value.Fragments(List.of(new byte[0], new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3},
                        new byte[] {4, 5, (byte) 0xFF, (byte) 0xD9}))));
        jpeg.setBytes(Tag.of(0xFFFC, 0xFFFC), Vr.OB, new byte[16]);
        DicomFile.Parsed parsed = deidentifiedFile(deidentifier(DateHandling.KEEP, PrivateWhitelist.NONE), jpeg,
                pseudonym, TransferSyntax.JPEG_BASELINE);
        assertThat(parsed.meta().transferSyntaxUid()).isEqualTo(TransferSyntax.JPEG_BASELINE.uid());
        Value.Fragments fragments = (Value.Fragments) parsed.dataSet().get(Tag.PIXEL_DATA).orElseThrow().value();
        assertThat(fragments.fragments()).hasSize(3);
        assertThat(fragments.fragments().get(1)).startsWith((byte) 0xFF, (byte) 0xD8, 1, 2, 3);
        assertThat(parsed.dataSet().contains(Tag.of(0xFFFC, 0xFFFC))).as("trailing padding: X").isFalse();
    }

    @Test
    void pixelDataIsStreamedNotHeld(@TempDir Path dir) throws Exception {
        int size = 48 * 1024 * 1024;
        DataSet big = instance(1);
        big.setInt(Tag.ROWS, Vr.US, 4096);
        big.setInt(Tag.COLUMNS, Vr.US, size / 4096);
        big.setBytes(Tag.PIXEL_DATA, Vr.OB, new byte[size]);
        Path input = dir.resolve("big.dcm");
        Files.write(input, file(big, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        big = null;
        Path output = dir.resolve("big-deid.dcm");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try (var in = Files.newInputStream(input); var out = new java.io.BufferedOutputStream(Files.newOutputStream(output))) {
            deidentifier(DateHandling.KEEP, PrivateWhitelist.NONE).deidentify(in, out, pseudonym);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated to de-identify a %d-byte image", size).isLessThan(size / 8);
        assertThat(Files.size(output)).isGreaterThan(size);
    }
}
