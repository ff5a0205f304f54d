package jp.renkei.hub.app.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL used when no external database is configured ({@code renkei.database.embedded.*}).
 *
 * @param dataDirectory where PostgreSQL keeps its files; survives restarts
 * @param port          TCP port on 127.0.0.1; 0 picks a free one at each start
 * @param databaseName  the database the hub uses inside that cluster
 * @param ephemeral     throw-away cluster in a temporary directory, fsync off: for tests only
 */
@ConfigurationProperties("renkei.database.embedded")
public record EmbeddedDatabaseProperties(
        Path dataDirectory,
        @DefaultValue("0") int port,
        @DefaultValue("renkei") String databaseName,
        @DefaultValue("false") boolean ephemeral) {
}
