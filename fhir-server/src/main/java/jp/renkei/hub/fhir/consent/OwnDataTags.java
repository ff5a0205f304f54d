package jp.renkei.hub.fhir.consent;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.model.entity.TagTypeEnum;
import jp.renkei.hub.fhir.HubSystems;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether stored resources are provably one facility's own current data, read from HAPI's tag tables without
 * loading the resources: each is current (not deleted) and the source-facility tags of its current version are
 * exactly that facility. That is what the gate's {@code OwnData} rule permits on the loaded resource, whose
 * {@code meta.tag} HAPI builds from the same rows (tag storage mode {@code VERSIONED}: the current version's
 * {@code hfj_history_tag}); with another storage mode the answer is always "not proven" and the gate loads.
 */
@Component
public class OwnDataTags {

    /**
     * Driven from the given IDs (the aggregate in the lateral subquery is evaluated per resource, through HAPI's
     * index on the version's tags): never a walk over all of a facility's tags, however much data it has.
     */
    private static final String CURRENT_SOURCES = """
            select r.res_id
              from hfj_resource r
              join hfj_res_ver v on v.res_id = r.res_id and v.res_ver = r.res_ver
             cross join lateral (
                   select bool_and(d.tag_code = ?) as own
                     from hfj_history_tag h
                     join hfj_tag_def d on d.tag_id = h.tag_id
                    where h.res_ver_pid = v.pid and d.tag_type = ? and d.tag_system = ?
                      and d.tag_code is not null and d.tag_code <> '') sources
             where r.res_id = any (?) and r.res_deleted_at is null and sources.own
            """;

    private final JdbcTemplate jdbc;
    private final boolean versionedTags;

    public OwnDataTags(DataSource dataSource, JpaStorageSettings storageSettings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.versionedTags = storageSettings.getTagStorageMode() == JpaStorageSettings.TagStorageModeEnum.VERSIONED;
    }

    /** True only if every resource in {@code resourceIds} is current and tagged as {@code facilityId}'s data only. */
    public boolean allOwnData(String facilityId, Collection<Long> resourceIds) {
        if (!versionedTags || facilityId == null || resourceIds.isEmpty()) {
            return false;
        }
        Set<Long> wanted = Set.copyOf(resourceIds);
        List<Long> own = jdbc.query(con -> {
            var statement = con.prepareStatement(CURRENT_SOURCES);
            statement.setString(1, facilityId);
            statement.setInt(2, TagTypeEnum.TAG.ordinal());
            statement.setString(3, HubSystems.SOURCE_FACILITY);
            statement.setArray(4, con.createArrayOf("bigint", wanted.toArray()));
            return statement;
        }, (row, n) -> row.getLong(1));
        return own.size() == wanted.size() && wanted.containsAll(own);
    }
}
