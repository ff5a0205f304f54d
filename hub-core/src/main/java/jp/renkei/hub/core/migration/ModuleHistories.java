package jp.renkei.hub.core.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The modules' history tables in the hub schema. A module's table is created before its first migration (Flyway
 * would refuse to start a history in a schema that other modules already filled). A database made before modules
 * had their own histories has one shared table: the first time a module's table is created, the rows of the
 * module's scripts are copied into it from there, so nothing runs again. All tables of one start are created and
 * filled in one transaction: a shared history that does not fit leaves nothing half-adopted.
 */
final class ModuleHistories {

    /** A module with the Flyway that runs its migrations (its locations and its history table). */
    record ModuleFlyway(MigrationModule module, Flyway flyway) {
    }

    private record AppliedRow(String version, String description, String type, String script,
            Integer checksum, String installedBy, Timestamp installedOn, int executionTime, boolean success) {

        String key() {
            return key(version == null ? null : MigrationVersion.fromVersion(version), script);
        }

        static String key(MigrationVersion version, String script) {
            return (version == null ? "R" : version.getVersion()) + " " + script;
        }

        String label() {
            return (version == null ? "" : "V" + version + " ") + script;
        }
    }

    private final String schema;

    ModuleHistories(String schema) {
        this.schema = schema;
    }

    /** Creates the missing history tables, adopting rows from the shared history; returns the rows adopted. */
    Map<MigrationModule, Integer> prepare(Connection connection, List<ModuleFlyway> present) throws SQLException {
        List<ModuleFlyway> missing = new ArrayList<>();
        for (ModuleFlyway module : present) {
            if (!tableExists(connection, module.module().historyTable())) {
                missing.add(module);
            }
        }
        if (missing.isEmpty()) {
            return Map.of();
        }
        Map<MigrationModule, List<AppliedRow>> adoption = tableExists(connection, MigrationModules.SHARED_HISTORY)
                ? adoption(connection, present, missing) : Map.of();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
            for (ModuleFlyway module : missing) {
                createTable(statement, module.module().historyTable());
                insert(connection, module.module().historyTable(), adoption.getOrDefault(module.module(), List.of()));
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        Map<MigrationModule, Integer> adopted = new LinkedHashMap<>();
        adoption.forEach((module, rows) -> adopted.put(module, rows.size()));
        return adopted;
    }

    /**
     * The shared history's rows per module still without a table, matched by version and script name (the script
     * name is the file name within the location, the same before and after the move to the module's location).
     * A row no present module knows — a script deleted, or a module missing — stops the start: Flyway would have
     * refused that database too.
     */
    private Map<MigrationModule, List<AppliedRow>> adoption(Connection connection, List<ModuleFlyway> present,
            List<ModuleFlyway> missing) throws SQLException {
        Map<String, MigrationModule> owners = new LinkedHashMap<>();
        for (ModuleFlyway module : present) {
            for (MigrationInfo info : module.flyway().info().all()) {
                if (info.getState().isResolved()) {
                    owners.putIfAbsent(AppliedRow.key(info.getVersion(), info.getScript()), module.module());
                }
            }
        }
        Set<MigrationModule> adopting = missing.stream().map(ModuleFlyway::module).collect(Collectors.toSet());
        Map<MigrationModule, List<AppliedRow>> adoption = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (AppliedRow row : sharedRows(connection)) {
            MigrationModule owner = owners.get(row.key());
            if (owner == null) {
                // Flyway's own marker for "it created the schema", no migration of any module.
                if (!"SCHEMA".equals(row.type())) {
                    unknown.add(row.label());
                }
            } else if (adopting.contains(owner)) {
                adoption.computeIfAbsent(owner, m -> new ArrayList<>()).add(row);
            }
        }
        if (!unknown.isEmpty()) {
            throw new MigrationHistoryException("The shared migration history " + schema + "."
                    + MigrationModules.SHARED_HISTORY + " lists migrations that no module of this hub has: "
                    + String.join(", ", unknown) + ". The database was migrated by another version of the hub;"
                    + " start that version, or a version that has these migrations.");
        }
        return adoption;
    }

    private List<AppliedRow> sharedRows(Connection connection) throws SQLException {
        List<AppliedRow> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT version, description, type, script,"
                     + " checksum, installed_by, installed_on, execution_time, success FROM "
                     + table(MigrationModules.SHARED_HISTORY) + " ORDER BY installed_rank")) {
            while (result.next()) {
                rows.add(new AppliedRow(result.getString(1), result.getString(2), result.getString(3),
                        result.getString(4), (Integer) result.getObject(5), result.getString(6),
                        result.getTimestamp(7), result.getInt(8), result.getBoolean(9)));
            }
        }
        return rows;
    }

    /** Flyway's own PostgreSQL history table (Flyway 10), so Flyway reads and extends it as if it had made it. */
    private void createTable(Statement statement, String name) throws SQLException {
        statement.execute("CREATE TABLE " + table(name) + " ("
                + " \"installed_rank\" INT NOT NULL,"
                + " \"version\" VARCHAR(50),"
                + " \"description\" VARCHAR(200) NOT NULL,"
                + " \"type\" VARCHAR(20) NOT NULL,"
                + " \"script\" VARCHAR(1000) NOT NULL,"
                + " \"checksum\" INTEGER,"
                + " \"installed_by\" VARCHAR(100) NOT NULL,"
                + " \"installed_on\" TIMESTAMP NOT NULL DEFAULT now(),"
                + " \"execution_time\" INTEGER NOT NULL,"
                + " \"success\" BOOLEAN NOT NULL)");
        statement.execute("ALTER TABLE " + table(name) + " ADD CONSTRAINT " + quote(name + "_pk")
                + " PRIMARY KEY (\"installed_rank\")");
        statement.execute("CREATE INDEX " + quote(name + "_s_idx") + " ON " + table(name) + " (\"success\")");
    }

    /** The adopted rows as they were (checksum, who, when, how long), ranked 1, 2, … within the module. */
    private void insert(Connection connection, String name, List<AppliedRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table(name)
                + " (installed_rank, version, description, type, script, checksum, installed_by, installed_on,"
                + " execution_time, success) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int rank = 1;
            for (AppliedRow row : rows) {
                insert.setInt(1, rank++);
                insert.setString(2, row.version());
                insert.setString(3, row.description());
                insert.setString(4, row.type());
                insert.setString(5, row.script());
                insert.setObject(6, row.checksum(), java.sql.Types.INTEGER);
                insert.setString(7, row.installedBy());
                insert.setTimestamp(8, row.installedOn());
                insert.setInt(9, row.executionTime());
                insert.setBoolean(10, row.success());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private boolean tableExists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = ? AND tablename = ?")) {
            query.setString(1, schema);
            query.setString(2, name);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    private String table(String name) {
        return quote(schema) + "." + quote(name);
    }

    private static String quote(String identifier) {
        return "\"" + Objects.requireNonNull(identifier).replace("\"", "\"\"") + "\"";
    }
}
