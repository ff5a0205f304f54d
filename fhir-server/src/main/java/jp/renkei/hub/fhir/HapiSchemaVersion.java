package jp.renkei.hub.fhir;

import javax.sql.DataSource;

import ca.uhn.fhir.util.VersionUtil;
import org.hibernate.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether HAPI's tables already have the schema of this HAPI and Hibernate version, so that a restart can skip
 * Hibernate's schema update ({@code hbm2ddl.auto=update}).
 *
 * <p>On a current schema that update only reads PostgreSQL's catalog, table by table: 5.8–6.4 s of every restart
 * on the 2-core machine (docs/benchmarks.md, thirteenth round). After a start that ran it, the versions are written
 * as the comment of HAPI's {@code hfj_resource} table: in the database, so a backup and its restore carry it, and a
 * database of another version (an upgrade, an older restore) is updated as before. A start that fails before all
 * beans exist writes nothing, so the next start updates again.
 */
public class HapiSchemaVersion implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(HapiSchemaVersion.class);
    private static final String MARKED_TABLE = "hfj_resource";

    private final JdbcClient jdbc;
    private final String expected;
    private final boolean current;
    private volatile boolean updating;

    public HapiSchemaVersion(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.expected = "Renkei Hub: HAPI FHIR " + VersionUtil.getVersion() + " schema, Hibernate "
                + Version.getVersionString();
        this.current = expected.equals(recorded());
    }

    /** Whether the database holds this version's schema already (checked once, when this bean is made). */
    public boolean isCurrent() {
        return current;
    }

    /** Hibernate updates the schema in this start; recorded once every bean exists. */
    void updating() {
        updating = true;
    }

    /** Whether this start ran Hibernate's schema update. */
    public boolean updatedInThisStart() {
        return updating;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!updating) {
            return;
        }
        try {
            jdbc.sql("COMMENT ON TABLE " + MARKED_TABLE + " IS '" + expected.replace("'", "''") + "'").update();
        } catch (DataAccessException e) {
            // Only costs the next start its schema check again.
            log.warn("Could not record HAPI's schema version on {}: {}", MARKED_TABLE, e.toString());
        }
    }

    private String recorded() {
        try {
            return jdbc.sql("SELECT obj_description(to_regclass(?), 'pg_class')").param(MARKED_TABLE)
                    .query(String.class).optional().orElse(null);
        } catch (DataAccessException e) {
            log.warn("Could not read HAPI's schema version from {}: {}", MARKED_TABLE, e.toString());
            return null;
        }
    }
}
