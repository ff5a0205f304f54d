package jp.renkei.hub.dicom.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jp.renkei.hub.dicom.net.Dcmtk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dicom3tools' IOD verifier ({@code dciodvfy}) finds no error in de-identified output that it did not find in the
 * input: the profile's choices keep the CR image a valid CR image. The input is made by DCMTK's {@code dump2dcm}
 * from a dump with the identifying attributes of a real chest radiograph (sequences and a private block too).
 */
class DciodvfyTest {

    @Test
    void deidentificationAddsNoIodError(@TempDir Path dir) throws Exception {
        Dcmtk.assumeInstalled("dump2dcm");
        Dcmtk.assumeInstalled("dciodvfy");
        Path dump = dir.resolve("chest-cr.dump");
        try (InputStream in = getClass().getResourceAsStream("chest-cr.dump")) {
            Files.copy(in, dump);
        }
        Path original = dir.resolve("original.dcm");
        Dcmtk.Result made = Dcmtk.run("dump2dcm", "+te", dump.toString(), original.toString());
        assertThat(made.exitCode()).as(made.output()).isZero();
        Path deidentified = dir.resolve("deidentified.dcm");
        for (DateHandling dates : DateHandling.values()) {
            Deidentifier deidentifier = new Deidentifier(ConfidentialityProfile.basic(),
                    new DeidOptions(dates, dates != DateHandling.REMOVE, PrivateWhitelist.NONE));
            try (InputStream in = Files.newInputStream(original); OutputStream out = Files.newOutputStream(deidentified)) {
                deidentifier.deidentify(in, out, StudyPseudonym.random(new SecureRandom()));
            }
            Set<String> before = errors(original);
            Set<String> after = errors(deidentified);
            after.removeAll(before);
            assertThat(after).as("errors dciodvfy reports only for the output (%s)", dates).isEmpty();
            String dumped = Dcmtk.run("dcmdump", deidentified.toString()).output();
            assertThat(dumped).doesNotContain("PID-0042").doesNotContain("Yamada").doesNotContain("ACC-77123")
                    .doesNotContain("Fukushima Chuo").doesNotContain("1.2.392.200036.9116.2.1.1")
                    .contains("(0012,0062) CS [YES]");
        }
    }

    /** The error lines of dciodvfy's report (warnings are not counted). */
    private static Set<String> errors(Path file) throws Exception {
        Process process = new ProcessBuilder("dciodvfy", file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Set<String> errors = new TreeSet<>();
        for (String line : output.split("\n")) {
            if (line.contains("Error")) {
                errors.add(line.strip());
            }
        }
        return errors;
    }
}
