package jp.renkei.hub.app.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jp.renkei.hub.core.migration.MigrationModule;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The rules of the modules' database migrations (docs/architecture.md, "Database migrations"), each as a list of
 * violations: where the scripts are, how they are named and numbered, and which module histories exist in what
 * order.
 */
final class MigrationRules {

    private static final Pattern VERSIONED = Pattern.compile("V([0-9]+(?:_[0-9]+)*)__[A-Za-z0-9_]+\\.sql");

    /** A module's script in its own location. */
    record Script(String module, String file) {

        MigrationVersion version() {
            return version(file).orElseThrow();
        }

        static Optional<MigrationVersion> version(String file) {
            Matcher matcher = VERSIONED.matcher(file);
            return matcher.matches() ? Optional.of(MigrationVersion.fromVersion(matcher.group(1).replace('_', '.')))
                    : Optional.empty();
        }
    }

    /** Every file under {@code db/migration} of a module's resources, as a path relative to {@code root}. */
    static List<String> migrationFiles(Path root, String module) throws IOException {
        List<String> files = new ArrayList<>();
        for (String resources : List.of("src/main/resources", "src/test/resources")) {
            Path base = root.resolve(module).resolve(resources).resolve("db/migration");
            if (Files.isDirectory(base)) {
                try (Stream<Path> walk = Files.walk(base)) {
                    walk.filter(Files::isRegularFile).forEach(f -> files.add(root.relativize(f).toString()));
                }
            }
        }
        return files.stream().sorted().toList();
    }

    /** A module ships only its own scripts, in {@code src/main/resources/db/migration/<module>/}, one level. */
    static List<String> misplaced(String module, List<String> files) {
        String home = module + "/src/main/resources/db/migration/" + module + "/";
        return files.stream()
                .filter(f -> !f.startsWith(home) || f.substring(home.length()).contains("/"))
                .map(f -> f + " is not in " + home)
                .toList();
    }

    /** Versioned SQL migrations only (Flyway would skip a misnamed file without a word), each version once. */
    static List<String> namingAndDuplicates(List<Script> scripts) {
        List<String> violations = new ArrayList<>();
        // Compared as Flyway compares versions: V1 and V1_0 are the same version.
        Map<String, TreeMap<MigrationVersion, String>> seen = new HashMap<>();
        for (Script script : scripts) {
            Optional<MigrationVersion> version = Script.version(script.file());
            if (version.isEmpty()) {
                violations.add(script.module() + ": " + script.file() + " is not named V<version>__<words>.sql");
            } else {
                String other = seen.computeIfAbsent(script.module(), m -> new TreeMap<>())
                        .putIfAbsent(version.get(), script.file());
                if (other != null) {
                    violations.add(script.module() + ": " + script.file() + " has the version of " + other);
                }
            }
        }
        return violations;
    }

    /**
     * The ordered list of {@code MigrationModules}: every module with scripts is in it, in the order of the layers,
     * each with its own history table.
     */
    static List<String> registration(List<MigrationModule> ordered, List<String> modulesWithScripts,
            String sharedHistory) {
        List<String> violations = new ArrayList<>();
        List<String> names = ordered.stream().map(MigrationModule::name).toList();
        modulesWithScripts.stream().filter(m -> !names.contains(m))
                .forEach(m -> violations.add(m + " has migrations but is not in MigrationModules.IN_ORDER"));
        int layer = -1;
        for (MigrationModule module : ordered) {
            int own = ModuleLayers.module(module.name()).layer();
            if (own < layer) {
                violations.add(module.name() + " comes after a module of a higher layer in MigrationModules.IN_ORDER");
            }
            layer = Math.max(layer, own);
        }
        TreeSet<String> tables = new TreeSet<>();
        for (MigrationModule module : ordered) {
            if (!tables.add(module.historyTable()) || module.historyTable().equals(sharedHistory)) {
                violations.add(module.name() + " has no history table of its own: " + module.historyTable());
            }
        }
        return violations;
    }

    /**
     * Released migrations (lines {@code <module> <script>}) stay where they are, and a module's new migration is
     * numbered above its last released one: a database that ran the released ones would refuse a lower one.
     */
    static List<String> releases(List<Script> scripts, List<Script> released) {
        List<String> violations = new ArrayList<>();
        Map<String, MigrationVersion> newest = new LinkedHashMap<>();
        for (Script script : released) {
            if (!scripts.contains(script)) {
                violations.add(script.module() + ": released " + script.file()
                        + " is missing (a released migration is never renamed, moved or deleted)");
            }
            newest.merge(script.module(), script.version(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        for (Script script : scripts) {
            MigrationVersion last = newest.get(script.module());
            if (!released.contains(script) && Script.version(script.file()).isPresent() && last != null
                    && !script.version().isNewerThan(last)) {
                violations.add(script.module() + ": " + script.file() + " is not above " + last
                        + ", the module's newest released migration: number it above");
            }
        }
        return violations;
    }

    static List<Script> parseReleased(List<String> lines) {
        return lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("\\s+"))
                .map(parts -> new Script(parts[0], parts[1]))
                .toList();
    }

    private MigrationRules() {
    }
}
