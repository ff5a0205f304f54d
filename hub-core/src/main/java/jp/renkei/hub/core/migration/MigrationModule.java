package jp.renkei.hub.core.migration;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One module's database migrations: where its scripts are and the history table that records which of them ran.
 * Versions only have to grow within one module, because no other module writes to its history.
 */
public record MigrationModule(String name, List<String> locations) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public MigrationModule {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Module name " + name + " is not a Maven artifact id like hub-core");
        }
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("Module " + name + " has no migration location");
        }
        locations = List.copyOf(locations);
    }

    /** The module's one location, {@code classpath:db/migration/<module>}, inside the module's own jar. */
    public static MigrationModule named(String name) {
        return new MigrationModule(name, List.of(location(name)));
    }

    public static String location(String name) {
        return "classpath:db/migration/" + name;
    }

    /** {@code flyway_history_<module>}, with underscores so that it needs no quoting in SQL. */
    public String historyTable() {
        return "flyway_history_" + name.replace('-', '_');
    }
}
