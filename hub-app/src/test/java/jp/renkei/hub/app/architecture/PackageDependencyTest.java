package jp.renkei.hub.app.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import jp.renkei.hub.core.archfixture.CoreClassReachingIntoFhirServer;
import org.junit.jupiter.api.Test;

/** The Java packages of the modules use each other only in the direction of {@link ModuleLayers}. */
class PackageDependencyTest {

    @Test
    void productionCodeFollowsTheLayers() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jp.renkei.hub");
        rule().check(classes);
    }

    @Test
    void theRuleRejectsACoreClassUsingTheFhirServer() {
        JavaClasses classes = new ClassFileImporter()
                .importClasses(CoreClassReachingIntoFhirServer.class, jp.renkei.hub.fhir.FhirServerProperties.class);
        assertThatThrownBy(() -> rule().check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CoreClassReachingIntoFhirServer");
    }

    static ArchRule rule() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true);
        for (ModuleLayers.Module module : ModuleLayers.MODULES) {
            layers = layers.layer(module.artifactId()).definedBy(module.basePackage() + "..");
        }
        for (ModuleLayers.Module module : ModuleLayers.MODULES) {
            String[] higher = ModuleLayers.MODULES.stream()
                    .filter(m -> m.layer() > module.layer())
                    .map(ModuleLayers.Module::artifactId)
                    .toArray(String[]::new);
            layers = higher.length == 0
                    ? layers.whereLayer(module.artifactId()).mayNotBeAccessedByAnyLayer()
                    : layers.whereLayer(module.artifactId()).mayOnlyBeAccessedByLayers(higher);
        }
        return layers;
    }
}
