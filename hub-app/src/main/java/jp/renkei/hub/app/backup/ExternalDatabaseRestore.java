package jp.renkei.hub.app.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Restores the dump of an external database into the database {@code RENKEI_DB_URL} names, which must be empty
 * (created by the administrator, owned by the hub's user): pg_restore in one transaction, so a failure leaves it
 * empty.
 */
final class ExternalDatabaseRestore {

    static final String DUMP = "database/renkei.dump";

    private ExternalDatabaseRestore() {
    }

    static void restore(HubLocations.ExternalDatabase database, Path dump, Map<String, String> environment)
            throws SQLException, IOException, InterruptedException {
        try (Connection connection = connect(database)) {
            if (holdsHubData(connection)) {
                throw new BackupException("The database " + database.jdbcUrl() + " is not empty (it has the schema "
                        + "hub or HAPI's tables): restore into a new, empty database (CREATE DATABASE … OWNER …) and "
                        + "point RENKEI_DB_URL at it");
            }
            PostgresClientTools.forServer(database, connection.getMetaData().getDatabaseMajorVersion(), environment)
                    .restore(dump);
        }
    }

    static Connection connect(HubLocations.ExternalDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    private static boolean holdsHubData(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'hub') "
                     + "OR to_regclass('public.hfj_resource') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
