package jp.renkei.hub.app.backup;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a hub keeps its state, from the same environment variables {@code ./hub start} reads: {@code RENKEI_HOME}
 * (default {@code ~/.renkei}), {@code RENKEI_DB_URL} (empty: the embedded PostgreSQL in {@code pgdata/}) and the
 * DICOM storage root ({@code RENKEI_DICOM_STORAGEROOT}, default {@code <home>/dicom}).
 */
record HubLocations(Path home, Optional<ExternalDatabase> externalDatabase, Path dicomStore, String embeddedDatabase) {

    /** The connection settings of an external PostgreSQL ({@code RENKEI_DB_URL}, {@code _USER}, {@code _PASSWORD}). */
    record ExternalDatabase(String jdbcUrl, String user, String password) {
    }

    static HubLocations fromEnvironment(Map<String, String> environment) {
        Path home = Path.of(first(environment, "RENKEI_HOME").orElse(System.getProperty("user.home") + "/.renkei"))
                .toAbsolutePath().normalize();
        Optional<ExternalDatabase> external = first(environment, "SPRING_DATASOURCE_URL", "RENKEI_DB_URL")
                .map(url -> new ExternalDatabase(url,
                        first(environment, "SPRING_DATASOURCE_USERNAME", "RENKEI_DB_USER").orElse(""),
                        first(environment, "SPRING_DATASOURCE_PASSWORD", "RENKEI_DB_PASSWORD").orElse("")));
        Path dicom = first(environment, "RENKEI_DICOM_STORAGEROOT").map(Path::of).orElse(home.resolve("dicom"))
                .toAbsolutePath().normalize();
        String database = first(environment, "RENKEI_DATABASE_EMBEDDED_DATABASENAME").orElse("renkei");
        return new HubLocations(home, external, dicom, database);
    }

    Path pgdata() {
        return home.resolve("pgdata");
    }

    /** Whether the DICOM store lies inside the home (the default); then it is not copied twice. */
    boolean dicomStoreInHome() {
        return dicomStore.startsWith(home);
    }

    private static Optional<String> first(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return Optional.empty();
    }
}
