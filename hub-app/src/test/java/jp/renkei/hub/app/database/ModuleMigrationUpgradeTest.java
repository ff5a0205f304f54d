package jp.renkei.hub.app.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.renkei.hub.core.HubCoreConfig;
import jp.renkei.hub.core.migration.MigrationModule;
import jp.renkei.hub.core.migration.MigrationModules;
import jp.renkei.hub.core.migration.ModuleMigrationResult;
import jp.renkei.hub.core.migration.ModuleMigrations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A hub database made by the layout before per-module histories (one Flyway over every module's scripts, one
 * shared {@code flyway_schema_history}, as the hub did up to V10_26) upgraded by {@link ModuleMigrations} with
 * all of the hub's modules: nothing runs again, the schema is the one a new database gets, and a module's next
 * migration applies although it is numbered below other modules' versions.
 */
class ModuleMigrationUpgradeTest {

    private static EmbeddedPostgres postgres;

    @TempDir
    Path later;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void aDatabaseOfTheSharedHistoryStartsWithoutRunningAnythingAgain() throws IOException {
        DataSource old = database("shared_layout");
        JdbcClient jdbc = JdbcClient.create(old);
        Flyway sharedLayout = base(old).locations(sharedLocations()).load();
        int applied = sharedLayout.migrate().migrationsExecuted;
        jdbc.sql("UPDATE hub.care_template SET position = 999 WHERE code = 'MEAL'").update();
        List<Map<String, Object>> shared = history(jdbc, MigrationModules.SHARED_HISTORY);

        List<ModuleMigrationResult> upgrade = new ModuleMigrations(MigrationModules.IN_ORDER).migrateAll(base(old));

        assertThat(upgrade).extracting(r -> r.module().name()).as("every module with migrations, in order")
                .containsExactly("hub-core", "consent-registry", "gateway-connector", "dicom-bridge",
                        "vpn-provisioning", "care-net", "regional-services", "hub-app");
        assertThat(upgrade).allSatisfy(r -> assertThat(r.executed()).as(r.module().name()).isZero());
        assertThat(upgrade.stream().mapToInt(ModuleMigrationResult::adopted).sum()).isEqualTo(applied)
                .isGreaterThanOrEqualTo(28);
        List<Map<String, Object>> adopted = new ArrayList<>();
        for (ModuleMigrationResult module : upgrade) {
            adopted.addAll(history(jdbc, module.module().historyTable()));
        }
        assertThat(adopted).as("the applied rows (checksum, when, who) moved to their modules' histories")
                .containsExactlyInAnyOrderElementsOf(shared.stream()
                        .filter(row -> !"SCHEMA".equals(row.get("type"))).toList());
        assertThat(jdbc.sql("SELECT position FROM hub.care_template WHERE code = 'MEAL'").query(Integer.class)
                .single()).as("data as it was").isEqualTo(999);

        DataSource fresh = database("module_layout");
        List<ModuleMigrationResult> created = new ModuleMigrations(MigrationModules.IN_ORDER).migrateAll(base(fresh));
        assertThat(created.stream().mapToInt(ModuleMigrationResult::executed).sum()).isEqualTo(applied);
        assertThat(schema(jdbc)).as("the upgraded schema is the one a new hub gets")
                .isNotEmpty().isEqualTo(schema(JdbcClient.create(fresh)));
        for (ModuleMigrationResult module : created) {
            String table = module.module().historyTable();
            assertThat(scripts(jdbc, table)).as(table).isEqualTo(scripts(JdbcClient.create(fresh), table));
        }
    }

    @Test
    void aModulesNextMigrationAppliesBelowOtherModulesVersions() throws IOException {
        DataSource old = database("next_migration");
        base(old).locations(sharedLocations()).load().migrate();
        new ModuleMigrations(MigrationModules.IN_ORDER).migrateAll(base(old));
        // gateway-connector's next after V7_5, below care-net's V10_25 and dicom-bridge's V10_26.
        Files.writeString(later.resolve("V7_6__gateway_note.sql"),
                "ALTER TABLE hub.gateway_quarantine ADD COLUMN note text;\n");
        List<MigrationModule> modules = MigrationModules.IN_ORDER.stream()
                .map(m -> m.name().equals("gateway-connector") ? new MigrationModule(m.name(),
                        List.of(m.locations().get(0), "filesystem:" + later)) : m)
                .toList();

        List<ModuleMigrationResult> results = new ModuleMigrations(modules).migrateAll(base(old));

        assertThat(results).filteredOn(r -> r.executed() > 0).extracting(r -> r.module().name())
                .containsExactly("gateway-connector");
        assertThat(scripts(JdbcClient.create(old), "flyway_history_gateway_connector"))
                .endsWith("V7_6__gateway_note.sql");
        // The same database with the shared history only (as before this change) refuses that migration.
        DataSource shared = database("shared_refuses");
        base(shared).locations(sharedLocations()).load().migrate();
        assertThatThrownBy(() -> base(shared).locations(
                        append(sharedLocations(), "filesystem:" + later)).load().migrate())
                .isInstanceOf(FlywayException.class).hasMessageContaining("7.6");
    }

    /** The settings HubCoreConfig gives Spring Boot's Flyway. */
    private static FluentConfiguration base(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).schemas(HubCoreConfig.SCHEMA)
                .defaultSchema(HubCoreConfig.SCHEMA).createSchemas(true);
    }

    /** Every module's scripts in one Flyway, as the shared location db/migration/hub held them. */
    private static String[] sharedLocations() {
        return MigrationModules.IN_ORDER.stream().flatMap(m -> m.locations().stream()).toArray(String[]::new);
    }

    private static String[] append(String[] locations, String location) {
        String[] all = java.util.Arrays.copyOf(locations, locations.length + 1);
        all[locations.length] = location;
        return all;
    }

    private static DataSource database(String name) {
        JdbcClient.create(postgres.getPostgresDatabase()).sql("CREATE DATABASE " + name).update();
        return postgres.getDatabase("postgres", name);
    }

    private static List<Map<String, Object>> history(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT version, description, type, script, checksum, installed_by, installed_on,"
                + " execution_time, success FROM hub." + table + " ORDER BY installed_rank").query().listOfRows();
    }

    private static List<String> scripts(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT script FROM hub." + table + " ORDER BY installed_rank").query(String.class).list();
    }

    /** Tables, columns, constraints, indexes, triggers, functions and extensions of the hub schema. */
    private static List<String> schema(JdbcClient jdbc) {
        return jdbc.sql("""
                SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' '
                       || coalesce(character_maximum_length::text, '') || ' ' || is_nullable || ' '
                       || coalesce(column_default, '')
                  FROM information_schema.columns WHERE table_schema = 'hub'
                UNION ALL
                SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                  FROM pg_constraint WHERE connamespace = 'hub'::regnamespace
                UNION ALL
                SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'hub'
                UNION ALL
                SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                 WHERE c.relnamespace = 'hub'::regnamespace AND NOT t.tgisinternal
                UNION ALL
                SELECT 'function ' || p.oid::regprocedure || ' ' || md5(p.prosrc) FROM pg_proc p
                 WHERE p.pronamespace = 'hub'::regnamespace
                UNION ALL
                SELECT 'extension ' || extname || ' ' || extnamespace::regnamespace FROM pg_extension
                ORDER BY 1
                """).query(String.class).list().stream()
                .filter(line -> !line.contains("flyway_"))
                .toList();
    }
}
