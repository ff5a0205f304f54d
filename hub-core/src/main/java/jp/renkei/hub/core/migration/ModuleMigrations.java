package jp.renkei.hub.core.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;

/**
 * Migrates the hub schema module by module, in the order of {@link MigrationModules}: one Flyway per module with
 * the module's locations and history table, everything else (data source, schema, Spring's {@code spring.flyway.*}
 * settings) taken from the configuration Spring Boot built. It replaces the single {@code flyway.migrate()} of
 * Spring Boot's start-up, so the JPA and HAPI beans still start after it.
 */
public final class ModuleMigrations implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(ModuleMigrations.class);

    /** One node at a time adopts and migrates when several hubs start on one database ("RENKEIMG"). */
    private static final long LOCK = 0x52454e4b45494d47L;

    private final List<MigrationModule> modules;

    public ModuleMigrations(List<MigrationModule> modules) {
        this.modules = List.copyOf(modules);
    }

    @Override
    public void migrate(Flyway flyway) {
        migrateAll(flyway.getConfiguration());
    }

    /** Adopts the shared history if there is one and no module history yet, then runs each module's migrations. */
    public List<ModuleMigrationResult> migrateAll(Configuration base) {
        String schema = schema(base);
        List<ModuleHistories.ModuleFlyway> present = new ArrayList<>();
        for (MigrationModule module : modules) {
            if (isPresent(module, base.getClassLoader())) {
                present.add(new ModuleHistories.ModuleFlyway(module, Flyway.configure().configuration(base)
                        .locations(module.locations().toArray(String[]::new))
                        .table(module.historyTable())
                        .load()));
            }
        }
        DataSource dataSource = base.getDataSource();
        try (Connection connection = dataSource.getConnection()) {
            advisoryLock(connection, "pg_advisory_lock");
            try {
                Map<MigrationModule, Integer> adopted = new ModuleHistories(schema).prepare(connection, present);
                adopted.forEach((module, rows) -> log.info("Migrations of {}: {} applied before adopted from {}.{}",
                        module.name(), rows, schema, MigrationModules.SHARED_HISTORY));
                List<ModuleMigrationResult> results = new ArrayList<>();
                for (ModuleHistories.ModuleFlyway module : present) {
                    MigrateResult result = module.flyway().migrate();
                    if (result.migrationsExecuted > 0) {
                        log.info("Migrations of {}: {} applied now (history {}.{})", module.module().name(),
                                result.migrationsExecuted, schema, module.module().historyTable());
                    }
                    results.add(new ModuleMigrationResult(module.module(),
                            adopted.getOrDefault(module.module(), 0), result.migrationsExecuted));
                }
                return results;
            } finally {
                advisoryLock(connection, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new MigrationHistoryException("The module histories in schema " + schema
                    + " could not be prepared: " + e.getMessage());
        }
    }

    private static String schema(Configuration base) {
        if (base.getDefaultSchema() != null) {
            return base.getDefaultSchema();
        }
        if (base.getSchemas().length > 0) {
            return base.getSchemas()[0];
        }
        throw new IllegalStateException("Module migrations need the schema of their history tables (defaultSchema)");
    }

    /** A module's migrations are there when one of its locations is: its jar is on the classpath. */
    static boolean isPresent(MigrationModule module, ClassLoader classLoader) {
        for (String text : module.locations()) {
            Location location = new Location(text);
            if (location.isClassPath() ? classLoader.getResource(location.getRootPath()) != null
                    : location.isFileSystem() && Files.isDirectory(Path.of(location.getRootPath()))) {
                return true;
            }
        }
        return false;
    }

    private static void advisoryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT " + function + "(?)")) {
            lock.setLong(1, LOCK);
            lock.execute();
        }
    }
}
