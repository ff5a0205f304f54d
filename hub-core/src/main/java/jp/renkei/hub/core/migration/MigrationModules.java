package jp.renkei.hub.core.migration;

import java.util.List;
import java.util.stream.Stream;

/**
 * The modules whose migrations the hub runs, in the order it runs them: the dependency order of the Maven modules
 * (hub-app's {@code ModuleLayers}), so a module's tables exist before the migrations of the modules that use them.
 * A module that is not on the classpath (a module's own tests run without the modules above it) is skipped.
 * <p>
 * A new module with migrations: one line here, in its layer (the architecture test {@code MigrationLayoutTest}
 * fails until it is), and its scripts in {@code src/main/resources/db/migration/<module>}.
 */
public final class MigrationModules {

    public static final List<MigrationModule> IN_ORDER = Stream.of(
            "hub-core",
            "consent-registry",
            "fhir-server",
            "gateway-connector",
            "dicom-bridge",
            "vpn-provisioning",
            "care-net",
            "regional-services",
            "hub-app")
            .map(MigrationModule::named)
            .toList();

    /** Where every module's migrations were recorded until each module had its own history (adopted once). */
    public static final String SHARED_HISTORY = "flyway_schema_history";

    private MigrationModules() {
    }
}
