package jp.renkei.hub.ops.crash;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.file.DicomFile;
import jp.renkei.hub.dicom.file.FileMetaInformation;

/**
 * The demo hospital's PACS ({@code FKS_CHUO_PACS}) sending one study as several series over parallel
 * associations, one DCMTK {@code storescu} per series, as a PACS splits a CT. An instance is acknowledged when
 * storescu logged a successful C-STORE response for it.
 */
final class DicomSender {

    static final String AE_TITLE = "FKS_CHUO_PACS";
    static final String PATIENT_ID = "D000001";
    private static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    private static final Pattern SUCCESS = Pattern.compile("Received Store Response \\(Success\\)");

    private final Path directory;
    private final int associations;
    private final int perAssociation;
    private final String studyUid = uid();
    private final List<Process> running = new ArrayList<>();
    private int round;

    DicomSender(Path directory, int associations, int perAssociation) throws IOException {
        this.directory = directory;
        this.associations = associations;
        this.perAssociation = perAssociation;
        for (int s = 0; s < associations; s++) {
            Path series = Files.createDirectories(directory.resolve("series-" + s));
            String seriesUid = uid();
            for (int n = 0; n < perAssociation; n++) {
                write(series.resolve(String.format("%05d.dcm", n)), seriesUid, s + 1, n + 1);
            }
        }
    }

    String studyUid() {
        return studyUid;
    }

    int instances() {
        return associations * perAssociation;
    }

    /** Starts one storescu per series, each its own association. */
    void start(int port) throws IOException {
        round++;
        running.clear();
        for (int s = 0; s < associations; s++) {
            running.add(new ProcessBuilder("storescu", "-v", "-aet", AE_TITLE, "-aec", "RENKEIHUB", "127.0.0.1",
                    Integer.toString(port), "+sd", directory.resolve("series-" + s).toString())
                    .redirectErrorStream(true).redirectOutput(log(s).toFile()).start());
        }
    }

    boolean allRunning() {
        return running.stream().allMatch(Process::isAlive);
    }

    /** Waits for the associations of this round; true when every storescu ended with exit code 0. */
    boolean await(long seconds) throws InterruptedException {
        boolean ok = true;
        for (Process process : running) {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                ok = false;
            } else {
                ok &= process.exitValue() == 0;
            }
        }
        return ok;
    }

    /** C-STORE successes logged in this round, all associations. */
    int acknowledged() throws IOException {
        int count = 0;
        for (int s = 0; s < associations; s++) {
            if (Files.exists(log(s))) {
                Matcher matcher = SUCCESS.matcher(Files.readString(log(s)));
                while (matcher.find()) {
                    count++;
                }
            }
        }
        return count;
    }

    String logs() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < associations; s++) {
            List<String> lines = Files.exists(log(s)) ? Files.readAllLines(log(s)) : List.of();
            text.append("---- storescu ").append(s).append(" (round ").append(round).append(") ----\n")
                    .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())))
                    .append('\n');
        }
        return text.toString();
    }

    private Path log(int series) {
        return directory.resolve("storescu-" + round + "-" + series + ".log");
    }

    private void write(Path file, String seriesUid, int seriesNumber, int instanceNumber) throws IOException {
        String instanceUid = uid();
        byte[] pixels = new byte[16 * 16];
        for (int p = 0; p < pixels.length; p++) {
            pixels[p] = (byte) (p * seriesNumber + instanceNumber);
        }
        DataSet data = new DataSet()
                .setStrings(Tag.SOP_CLASS_UID, Vr.UI, SECONDARY_CAPTURE)
                .setStrings(Tag.SOP_INSTANCE_UID, Vr.UI, instanceUid)
                .setStrings(Tag.STUDY_DATE, Vr.DA, "20260401")
                .setStrings(Tag.MODALITY, Vr.CS, "OT")
                .setStrings(Tag.PATIENT_NAME, Vr.PN, "Shiken^Dicom")
                .setStrings(Tag.PATIENT_ID, Vr.LO, PATIENT_ID)
                .setStrings(Tag.STUDY_INSTANCE_UID, Vr.UI, studyUid)
                .setStrings(Tag.SERIES_INSTANCE_UID, Vr.UI, seriesUid)
                .setStrings(Tag.SERIES_NUMBER, Vr.IS, Integer.toString(seriesNumber))
                .setStrings(Tag.INSTANCE_NUMBER, Vr.IS, Integer.toString(instanceNumber))
                .setInt(Tag.SAMPLES_PER_PIXEL, Vr.US, 1)
                .setStrings(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2")
                .setInt(Tag.ROWS, Vr.US, 16)
                .setInt(Tag.COLUMNS, Vr.US, 16)
                .setInt(Tag.BITS_ALLOCATED, Vr.US, 8)
                .setInt(Tag.BITS_STORED, Vr.US, 8)
                .setInt(Tag.HIGH_BIT, Vr.US, 7)
                .setInt(Tag.PIXEL_REPRESENTATION, Vr.US, 0)
                .setBytes(Tag.PIXEL_DATA, Vr.OB, pixels);
        try (OutputStream out = Files.newOutputStream(file)) {
            DicomFile.write(out, new FileMetaInformation(SECONDARY_CAPTURE, instanceUid,
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), "2.25.1", "CRASH_DRILL", AE_TITLE), data);
        }
    }

    /** A UUID-derived UID (ISO/IEC 9834-8, {@code 2.25.}). */
    private static String uid() {
        UUID uuid = UUID.randomUUID();
        return "2.25." + new BigInteger(1, ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array());
    }
}
