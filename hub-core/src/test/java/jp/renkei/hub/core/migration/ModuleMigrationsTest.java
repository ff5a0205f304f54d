package jp.renkei.hub.core.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two modules, alpha (V8_0, V8_5) below beta (V10_25, whose table refers to alpha's), on a fresh database each
 * test: own histories in module order, adoption of the history one Flyway shared before, and the V8_6 that the
 * shared history refused.
 */
class ModuleMigrationsTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private DataSource dataSource;
    private JdbcClient jdbc;

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

    @BeforeEach
    void freshDatabase() {
        String name = "migrations_" + DATABASES.incrementAndGet();
        JdbcClient.create(postgres.getPostgresDatabase()).sql("CREATE DATABASE " + name).update();
        dataSource = postgres.getDatabase("postgres", name);
        jdbc = JdbcClient.create(dataSource);
    }

    @Test
    void eachModuleHasItsOwnHistoryAndRunsAfterTheModulesBelowIt() {
        List<ModuleMigrationResult> results = migrations(alpha(), beta(), absent()).migrateAll(base());

        assertThat(results).extracting(r -> r.module().name(), ModuleMigrationResult::executed,
                        ModuleMigrationResult::adopted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alpha", 2, 0),
                        org.assertj.core.groups.Tuple.tuple("beta", 1, 0));
        assertThat(scripts("flyway_history_alpha")).containsExactly("V8_0__alpha.sql", "V8_5__alpha_by_name.sql");
        assertThat(scripts("flyway_history_beta")).containsExactly("V10_25__beta.sql");
        assertThat(tables()).as("no history for a module that is not there, no shared history")
                .containsExactlyInAnyOrder("alpha", "beta", "flyway_history_alpha", "flyway_history_beta");
        assertThat(migrations(alpha(), beta()).migrateAll(base()))
                .allSatisfy(r -> assertThat(r.executed() + r.adopted()).isZero());
    }

    @Test
    void aModulesNewMigrationOnlyHasToBeAboveItsOwnVersions() throws IOException {
        migrations(alpha(), beta()).migrateAll(base());
        Files.writeString(later.resolve("V8_6__alpha_note.sql"), "ALTER TABLE hub.alpha ADD COLUMN note text;\n");

        List<ModuleMigrationResult> results = migrations(alphaWithLater(), beta()).migrateAll(base());

        assertThat(results).extracting(ModuleMigrationResult::executed).containsExactly(1, 0);
        assertThat(scripts("flyway_history_alpha")).endsWith("V8_6__alpha_note.sql");
        assertThat(jdbc.sql("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'hub'"
                + " AND table_name = 'alpha' AND column_name = 'note'").query(Integer.class).single()).isOne();
    }

    @Test
    void theSharedHistoryRefusedThatSameMigration() throws IOException {
        sharedLayout("classpath:migrationtest/alpha", "classpath:migrationtest/beta").migrate();
        Files.writeString(later.resolve("V8_6__alpha_note.sql"), "ALTER TABLE hub.alpha ADD COLUMN note text;\n");

        assertThatThrownBy(() -> sharedLayout("classpath:migrationtest/alpha", "classpath:migrationtest/beta",
                "filesystem:" + later).migrate())
                .isInstanceOf(FlywayException.class).hasMessageContaining("8.6");
    }

    @Test
    void aDatabaseOfTheSharedHistoryIsAdoptedWithoutRunningAnythingAgain() throws IOException {
        sharedLayout("classpath:migrationtest/alpha", "classpath:migrationtest/beta").migrate();
        jdbc.sql("INSERT INTO hub.alpha (id, name) VALUES (1, 'kept')").update();
        List<Map<String, Object>> shared = history("flyway_schema_history");

        List<ModuleMigrationResult> results = migrations(alpha(), beta()).migrateAll(base());

        assertThat(results).extracting(ModuleMigrationResult::adopted).containsExactly(2, 1);
        assertThat(results).extracting(ModuleMigrationResult::executed).containsExactly(0, 0);
        List<Map<String, Object>> adopted = new ArrayList<>(history("flyway_history_alpha"));
        adopted.addAll(history("flyway_history_beta"));
        assertThat(adopted).as("version, script, checksum, who and when as the shared history has them")
                .containsExactlyElementsOf(shared.stream().filter(row -> !"SCHEMA".equals(row.get("type"))).toList());
        assertThat(jdbc.sql("SELECT installed_rank FROM hub.flyway_history_alpha ORDER BY 1").query(Integer.class)
                .list()).containsExactly(1, 2);
        assertThat(history("flyway_schema_history")).as("left as it was").isEqualTo(shared);
        assertThat(jdbc.sql("SELECT name FROM hub.alpha").query(String.class).list()).containsExactly("kept");

        Files.writeString(later.resolve("V8_6__alpha_note.sql"), "ALTER TABLE hub.alpha ADD COLUMN note text;\n");
        assertThat(migrations(alphaWithLater(), beta()).migrateAll(base()))
                .extracting(ModuleMigrationResult::adopted, ModuleMigrationResult::executed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 1), org.assertj.core.groups.Tuple.tuple(0, 0));
    }

    @Test
    void aSharedHistoryWithAMigrationNoModuleHasStopsTheStartAndAdoptsNothing() throws IOException {
        Files.writeString(later.resolve("V11_0__gone.sql"), "CREATE TABLE hub.gone (id integer);\n");
        sharedLayout("classpath:migrationtest/alpha", "classpath:migrationtest/beta", "filesystem:" + later).migrate();

        assertThatThrownBy(() -> migrations(alpha(), beta()).migrateAll(base()))
                .isInstanceOf(MigrationHistoryException.class)
                .hasMessageContaining("V11.0 V11_0__gone.sql").hasMessageNotContaining("alpha.sql");
        assertThat(tables()).doesNotContain("flyway_history_alpha", "flyway_history_beta");
    }

    @Test
    void historyTablesAreBuiltAsFlywayBuildsItsOwn() {
        sharedLayout("classpath:migrationtest/alpha").migrate();
        migrations(alpha()).migrateAll(base());

        assertThat(definition("flyway_history_alpha")).as("10 columns, the key, its index and the success index")
                .hasSize(13).isEqualTo(definition("flyway_schema_history"));
    }

    @Test
    void twoNodesStartingTogetherMigrateOnce() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Callable<List<ModuleMigrationResult>> start = () -> migrations(alpha(), beta()).migrateAll(base());
            Future<List<ModuleMigrationResult>> first = nodes.submit(start);
            Future<List<ModuleMigrationResult>> second = nodes.submit(start);
            int executed = 0;
            for (Future<List<ModuleMigrationResult>> node : List.of(first, second)) {
                executed += node.get().stream().mapToInt(ModuleMigrationResult::executed).sum();
            }
            assertThat(executed).isEqualTo(3);
            assertThat(scripts("flyway_history_alpha")).hasSize(2);
        } finally {
            nodes.shutdownNow();
        }
    }

    private FluentConfiguration base() {
        return Flyway.configure().dataSource(dataSource).schemas("hub").defaultSchema("hub").createSchemas(true);
    }

    /** The layout before per-module histories: one Flyway over every location, one shared history. */
    private Flyway sharedLayout(String... locations) {
        return base().locations(locations).load();
    }

    private static ModuleMigrations migrations(MigrationModule... modules) {
        return new ModuleMigrations(List.of(modules));
    }

    private static MigrationModule alpha() {
        return new MigrationModule("alpha", List.of("classpath:migrationtest/alpha"));
    }

    private MigrationModule alphaWithLater() {
        return new MigrationModule("alpha", List.of("classpath:migrationtest/alpha", "filesystem:" + later));
    }

    private static MigrationModule beta() {
        return new MigrationModule("beta", List.of("classpath:migrationtest/beta"));
    }

    private static MigrationModule absent() {
        return new MigrationModule("gamma", List.of("classpath:migrationtest/gamma"));
    }

    private List<String> scripts(String table) {
        return jdbc.sql("SELECT script FROM hub." + table + " ORDER BY installed_rank").query(String.class).list();
    }

    private List<Map<String, Object>> history(String table) {
        return jdbc.sql("SELECT version, description, type, script, checksum, installed_by, installed_on,"
                + " execution_time, success FROM hub." + table + " ORDER BY installed_rank").query().listOfRows();
    }

    private List<String> tables() {
        return jdbc.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'hub'").query(String.class).list();
    }

    /** Columns, constraints and indexes, with the table's own name taken out of their names. */
    private List<String> definition(String table) {
        List<String> parts = new ArrayList<>(jdbc.sql("SELECT column_name || ' ' || data_type || ' '"
                        + " || coalesce(character_maximum_length::text, '') || ' ' || is_nullable || ' '"
                        + " || coalesce(column_default, '') FROM information_schema.columns"
                        + " WHERE table_schema = 'hub' AND table_name = ? ORDER BY ordinal_position")
                .param(table).query(String.class).list());
        parts.addAll(jdbc.sql("SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
                        + " WHERE conrelid = ('hub.' || ?)::regclass ORDER BY conname")
                .param(table).query(String.class).list());
        parts.addAll(jdbc.sql("SELECT indexdef FROM pg_indexes WHERE schemaname = 'hub' AND tablename = ?"
                        + " ORDER BY indexname").param(table).query(String.class).list());
        return parts.stream().map(part -> part.replace(table, "<table>")).toList();
    }
}
