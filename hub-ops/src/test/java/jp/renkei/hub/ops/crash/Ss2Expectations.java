package jp.renkei.hub.ops.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a tree of {@code Ss2TreeGenerator} messages must become in the hub, counted from its files: per data type the
 * resources its mapping writes (gateway-connector README, "SS-MIX2 mapping"), and one Patient per patient folder.
 */
final class Ss2Expectations {

    /** Resources per message of each data type the generator writes (patient-level types excluded). */
    static final Map<String, Map<String, Integer>> PER_MESSAGE = Map.of(
            "OML-11", Map.of("Observation", 3, "DiagnosticReport", 1),
            "OMP-01", Map.of("MedicationRequest", 2),
            "OMP-11", Map.of("MedicationAdministration", 1),
            "ADT-00", Map.of());
    static final List<String> TYPES = List.of("Observation", "DiagnosticReport", "MedicationRequest",
            "MedicationAdministration");

    private Ss2Expectations() {
    }

    /** The tree's files in the order the generator wrote them (by the time stamp in the name, then the name). */
    static List<Path> files(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().split("_")[4])
                            .thenComparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    static String dataType(Path file) {
        return file.getFileName().toString().split("_")[2];
    }

    static String patient(Path file) {
        return file.getFileName().toString().split("_")[0];
    }

    /** Resources by type that these files must give. */
    static Map<String, Long> resources(List<Path> files) {
        Map<String, Long> expected = new HashMap<>();
        TYPES.forEach(type -> expected.put(type, 0L));
        for (Path file : files) {
            Map<String, Integer> each = PER_MESSAGE.get(dataType(file));
            if (each == null) {
                throw new IllegalStateException("No expectation for data type " + dataType(file));
            }
            each.forEach((type, n) -> expected.merge(type, (long) n, Long::sum));
        }
        return expected;
    }

    static Set<String> patients(List<Path> files) {
        Set<String> patients = new LinkedHashSet<>();
        files.forEach(file -> patients.add(patient(file)));
        return patients;
    }
}
