package jp.renkei.hub.gateway.jahis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jp.renkei.hub.gateway.jahis.TcLine.Outcome;
import org.junit.jupiter.api.Test;

/**
 * The corpus: every JAHIS e-medication-notebook (TC) file in the repository and in ../shared/testdata/jahis is
 * either read with every one of its lines accounted for — imported, imported with a warning, or not mapped with
 * a reason — or refused as a whole with the reason (only when it cannot be attributed to a patient or its
 * structure cannot be read). Prescription 2D-symbol files (JAHIS10) likewise: read with every line accounted for
 * ({@link RxLines}), or refused whole with the reason ({@code JahisPrescriptionTest} checks each reason). The
 * coverage per outcome and per record is printed.
 */
class JahisCorpusTest {

    private final JahisTcReader reader = new JahisTcReader();

    @Test
    void everyLineOfEveryNotebookIsAccountedFor() {
        List<Path> files = new ArrayList<>(list(JahisNotebookFiles.DIRECTORY));
        files.addAll(list(JahisFixtures.DIRECTORY));
        List<TcLine> all = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<TcLine> rxLines = new ArrayList<>();
        List<String> rxRefused = new ArrayList<>();
        int notebooks = 0;
        int prescriptions = 0;
        StringBuilder report = new StringBuilder();
        for (Path file : files) {
            byte[] bytes = read(file);
            String kind = kind(bytes);
            if (kind.equals("RX")) {
                prescriptions++;
                try {
                    TcText text = TcText.decode(bytes);
                    List<TcLine> lines = RxLines.of(text, new JahisRxReader().read(text));
                    assertThat(lines).as(file.toString()).extracting(TcLine::line).containsExactlyElementsOf(
                            java.util.stream.IntStream.rangeClosed(1, text.lines().size()).boxed().toList());
                    rxLines.addAll(lines);
                    report.append(String.format("%n  %-50s %3d lines (prescription): imported %d, not mapped %d",
                            file.getFileName(), lines.size(), TcCoverage.of(lines).count(Outcome.IMPORTED),
                            TcCoverage.of(lines).count(Outcome.NOT_MAPPED)));
                } catch (JahisFormatException e) {
                    assertThat(e.reason()).as(file.toString()).isNotBlank();
                    rxRefused.add(file.getFileName().toString());
                    report.append(String.format("%n  %-50s refused (prescription): %s", file.getFileName(),
                            e.getMessage()));
                }
                continue;
            }
            notebooks++;
            try {
                TcDocument document = reader.read(bytes);
                int lines = TcText.decode(bytes).lines().size();
                assertThat(document.lines()).as(file.toString()).extracting(TcLine::line)
                        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, lines).boxed().toList());
                assertThat(document.lines()).as(file.toString())
                        .allMatch(l -> l.outcome() == Outcome.IMPORTED || l.detail() != null && !l.detail().isBlank());
                all.addAll(document.lines());
                TcCoverage coverage = TcCoverage.of(document.lines());
                report.append(String.format("%n  %-50s %3d lines: imported %d, warned %d, not mapped %d",
                        file.getFileName(), lines, coverage.count(Outcome.IMPORTED), coverage.count(Outcome.WARNED),
                        coverage.count(Outcome.NOT_MAPPED)));
            } catch (JahisFormatException e) {
                assertThat(e.reason()).as(file.toString()).isNotBlank();
                refused.add(file.getFileName() + ": " + e.getMessage());
                report.append(String.format("%n  %-50s refused: %s", file.getFileName(), e.getMessage()));
            }
        }
        TcCoverage coverage = TcCoverage.of(all);
        System.out.println("JAHIS corpus: " + notebooks + " notebook files (" + refused.size() + " refused as a"
                + " whole), " + prescriptions + " prescription 2D-symbol files (" + rxRefused.size() + " refused as a"
                + " whole)" + report + "\nJAHIS corpus coverage of the notebooks, " + coverage.describe()
                + "\nJAHIS corpus coverage of the prescriptions, " + TcCoverage.of(rxLines).describe());

        assertThat(notebooks).isGreaterThanOrEqualTo(14);
        assertThat(prescriptions).isEqualTo(15);
        assertThat(rxRefused).hasSize(13);
        assertThat(rxLines).isNotEmpty();
        // only files that are not notebooks at all are refused as a whole: empty, or not a JAHIS TC header
        assertThat(refused).hasSize(2).allMatch(r -> r.startsWith("empty-input.txt") || r.startsWith("invalid-header.txt"));
        assertThat(coverage.count(Outcome.IMPORTED)).isGreaterThan(coverage.count(Outcome.NOT_MAPPED));
        assertThat(coverage.byRecord()).containsKeys("2 (patient special note)", "3 (OTC drug)", "4 (memo)",
                "601 (patient note)", "201 (drug)", "301 (usage)");
    }

    /** TC, RX (JAHIS10) or "other" (no JAHIS header: refused by the TC reader, counted with the notebooks). */
    private static String kind(byte[] bytes) {
        try {
            return JahisRxReader.isPrescription(TcText.decode(bytes)) ? "RX" : "TC";
        } catch (JahisFormatException e) {
            return "TC";
        }
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
