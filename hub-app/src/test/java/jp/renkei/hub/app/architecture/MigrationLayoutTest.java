package jp.renkei.hub.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import jp.renkei.hub.core.migration.MigrationModule;
import jp.renkei.hub.core.migration.MigrationModules;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Each module's migrations in its own location, numbered once within the module and above its released ones, and
 * every module with migrations registered, in the order of {@link ModuleLayers}, with its own history table.
 */
class MigrationLayoutTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyMigrationIsInItsOwnModulesLocation() throws IOException {
        List<String> violations = new ArrayList<>();
        for (ModuleLayers.Module module : ModuleLayers.MODULES) {
            violations.addAll(MigrationRules.misplaced(module.artifactId(),
                    MigrationRules.migrationFiles(ROOT, module.artifactId())));
        }
        assertThat(violations).isEmpty();
        assertThat(scripts()).extracting(MigrationRules.Script::module).as("the modules with migrations today")
                .contains("hub-core", "consent-registry", "gateway-connector", "dicom-bridge", "vpn-provisioning",
                        "care-net", "hub-app");
    }

    @Test
    void migrationsAreVersionedOncePerModule() throws IOException {
        assertThat(MigrationRules.namingAndDuplicates(scripts())).isEmpty();
    }

    @Test
    void everyModuleWithMigrationsIsRegisteredInLayerOrderWithItsOwnHistory() throws IOException {
        List<String> withScripts = scripts().stream().map(MigrationRules.Script::module).distinct().toList();
        assertThat(MigrationRules.registration(MigrationModules.IN_ORDER, withScripts,
                MigrationModules.SHARED_HISTORY)).isEmpty();
    }

    @Test
    void theHubsClasspathHasOnlyRegisteredLocations() throws IOException {
        TreeSet<String> locations = new TreeSet<>();
        for (Resource script : new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/**/*")) {
            String url = script.getURL().toString();
            if (!url.endsWith("/")) {
                String inside = url.substring(url.lastIndexOf("db/migration/") + "db/migration/".length());
                locations.add(inside.contains("/") ? inside.substring(0, inside.indexOf('/')) : "(db/migration itself)");
            }
        }
        assertThat(locations).isNotEmpty()
                .isSubsetOf(MigrationModules.IN_ORDER.stream().map(MigrationModule::name).toList());
    }

    @Test
    void releasedMigrationsStayAndNewOnesAreNumberedAboveThem() throws IOException {
        List<MigrationRules.Script> released = released();
        assertThat(released).hasSizeGreaterThanOrEqualTo(28);
        assertThat(MigrationRules.releases(scripts(), released)).isEmpty();
    }

    @Test
    void theRulesCatchTheMistakesTheyAreFor() {
        // V8_6 written after V10_25 was released in the same history: what stopped an existing hub.
        List<MigrationRules.Script> released = List.of(script("hub", "V8_5__second_read.sql"),
                script("hub", "V10_25__care_attachment_office.sql"));
        assertThat(MigrationRules.releases(List.of(script("hub", "V8_5__second_read.sql"),
                script("hub", "V10_25__care_attachment_office.sql"), script("hub", "V8_6__published.sql"),
                script("hub", "V10_26__published.sql")), released))
                .containsExactly("hub: V8_6__published.sql is not above 10.25, the module's newest released"
                        + " migration: number it above");
        // Per module, the same V8_6 is fine in a module whose newest release is V8_5; a released file moved is not.
        assertThat(MigrationRules.releases(List.of(script("dicom-bridge", "V8_5__second_read.sql"),
                script("dicom-bridge", "V8_6__published.sql"), script("hub-core", "V10_25__x.sql")),
                List.of(script("dicom-bridge", "V8_5__second_read.sql"), script("care-net", "V10_25__x.sql"))))
                .containsExactly("care-net: released V10_25__x.sql is missing (a released migration is never"
                        + " renamed, moved or deleted)");
        assertThat(MigrationRules.misplaced("care-net", List.of(
                "care-net/src/main/resources/db/migration/care-net/V10_0__care_net.sql",
                "care-net/src/main/resources/db/migration/hub/V10_30__shared_location.sql",
                "care-net/src/main/resources/db/migration/dicom-bridge/V8_7__other_module.sql",
                "care-net/src/test/resources/db/migration/care-net/V99__test_only.sql")))
                .hasSize(3).noneMatch(v -> v.contains("V10_0__care_net"));
        assertThat(MigrationRules.namingAndDuplicates(List.of(script("a", "V1__one.sql"), script("a", "V1_0__two.sql"),
                script("b", "V1__other_module.sql"), script("a", "v2_lower_case.sql"))))
                .containsExactly("a: V1_0__two.sql has the version of V1__one.sql",
                        "a: v2_lower_case.sql is not named V<version>__<words>.sql");
        assertThat(MigrationRules.registration(List.of(MigrationModule.named("care-net"),
                        MigrationModule.named("hub-core")), List.of("hub-core", "care-net", "dicom-bridge"),
                MigrationModules.SHARED_HISTORY))
                .containsExactly("dicom-bridge has migrations but is not in MigrationModules.IN_ORDER",
                        "hub-core comes after a module of a higher layer in MigrationModules.IN_ORDER");
    }

    private static MigrationRules.Script script(String module, String file) {
        return new MigrationRules.Script(module, file);
    }

    /** Every file in a module's own location, as module and file name. */
    private static List<MigrationRules.Script> scripts() throws IOException {
        List<MigrationRules.Script> scripts = new ArrayList<>();
        for (ModuleLayers.Module module : ModuleLayers.MODULES) {
            for (String file : MigrationRules.migrationFiles(ROOT, module.artifactId())) {
                scripts.add(new MigrationRules.Script(module.artifactId(), Path.of(file).getFileName().toString()));
            }
        }
        return scripts;
    }

    private static List<MigrationRules.Script> released() throws IOException {
        try (InputStream in = MigrationLayoutTest.class.getResourceAsStream("/released-migrations.txt")) {
            assertThat(in).as("hub-app/src/test/resources/released-migrations.txt").isNotNull();
            return MigrationRules.parseReleased(Arrays.asList(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
        }
    }
}
