package jp.renkei.hub.vpn.site;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jp.renkei.hub.core.network.DicomNode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables hub.vpn_site and hub.vpn_site_prefix; sites come back without facility names (see {@link Sites}). */
@Repository
class SiteStore {

    private final JdbcClient jdbc;

    SiteStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises changes of the address plan, so two sites registered at once cannot both take a prefix. */
    void lockAddressPlan() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('hub.vpn_site_prefix'))").query().singleRow();
    }

    void save(String facilityId, SiteRequestValues values, Instant now, String actorId) {
        jdbc.sql("""
                        INSERT INTO hub.vpn_site (facility_id, router_kind, public_address, contact_name, contact_phone,
                                                  contact_email, created_at, updated_at, updated_by)
                        VALUES (:facility, :kind, :address, :name, :phone, :email, :now, :now, :actor)
                        ON CONFLICT (facility_id) DO UPDATE SET router_kind = EXCLUDED.router_kind,
                            public_address = EXCLUDED.public_address, contact_name = EXCLUDED.contact_name,
                            contact_phone = EXCLUDED.contact_phone, contact_email = EXCLUDED.contact_email,
                            updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
                .param("facility", facilityId)
                .param("kind", values.routerKind().name())
                .param("address", values.publicAddress())
                .param("name", values.contact().name())
                .param("phone", values.contact().phone())
                .param("email", values.contact().email())
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .param("actor", actorId)
                .update();
        jdbc.sql("DELETE FROM hub.vpn_site_prefix WHERE facility_id = :facility").param("facility", facilityId).update();
        for (IpPrefix prefix : values.lanPrefixes()) {
            jdbc.sql("INSERT INTO hub.vpn_site_prefix (facility_id, prefix) VALUES (:facility, CAST(:prefix AS cidr))")
                    .param("facility", facilityId)
                    .param("prefix", prefix.toString())
                    .update();
        }
    }

    Optional<StoredSite> find(String facilityId) {
        return list("WHERE s.facility_id = :facility", Map.of("facility", facilityId)).stream().findFirst();
    }

    List<StoredSite> list() {
        return list("", Map.of());
    }

    /** Every site's prefixes but this facility's: what a new plan for the facility must not overlap. */
    List<PlannedPrefix> prefixesOfOtherSites(String facilityId) {
        return jdbc.sql("SELECT facility_id, host(prefix) || '/' || masklen(prefix) AS prefix FROM hub.vpn_site_prefix"
                        + " WHERE facility_id <> :facility ORDER BY facility_id, prefix")
                .param("facility", facilityId)
                .query((rs, row) -> new PlannedPrefix(rs.getString("facility_id"), IpPrefix.parse(rs.getString("prefix"))))
                .list();
    }

    private List<StoredSite> list(String where, Map<String, Object> params) {
        Map<String, List<IpPrefix>> prefixes = new LinkedHashMap<>();
        var prefixQuery = jdbc.sql("SELECT p.facility_id, host(p.prefix) || '/' || masklen(p.prefix) AS prefix"
                + " FROM hub.vpn_site_prefix p JOIN hub.vpn_site s ON s.facility_id = p.facility_id " + where
                + " ORDER BY family(p.prefix), p.prefix");
        params.forEach(prefixQuery::param);
        prefixQuery.query((ResultSet rs) -> {
            prefixes.computeIfAbsent(rs.getString("facility_id"), k -> new ArrayList<>())
                    .add(IpPrefix.parse(rs.getString("prefix")));
        });
        var siteQuery = jdbc.sql("SELECT * FROM hub.vpn_site s " + where + " ORDER BY s.facility_id");
        params.forEach(siteQuery::param);
        return siteQuery.query((rs, row) -> site(rs, prefixes.getOrDefault(rs.getString("facility_id"), List.of()))).list();
    }

    private static StoredSite site(ResultSet rs, List<IpPrefix> prefixes) throws SQLException {
        return new StoredSite(rs.getString("facility_id"), RouterKind.valueOf(rs.getString("router_kind")),
                rs.getString("public_address"), prefixes,
                new SiteContact(rs.getString("contact_name"), rs.getString("contact_phone"), rs.getString("contact_email")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"));
    }

    List<DicomNode> dicomNodes(String facilityId) {
        return jdbc.sql("SELECT ae_title, host(host) AS host, port, accepts FROM hub.vpn_site_dicom_node"
                        + " WHERE facility_id = :facility ORDER BY position")
                .param("facility", facilityId)
                .query((rs, row) -> new DicomNode(rs.getString("ae_title"), rs.getString("host"), rs.getInt("port"),
                        services((String[]) rs.getArray("accepts").getArray())))
                .list();
    }

    void replaceDicomNodes(String facilityId, List<DicomNode> nodes, String actorId) {
        jdbc.sql("DELETE FROM hub.vpn_site_dicom_node WHERE facility_id = :facility").param("facility", facilityId)
                .update();
        int position = 0;
        for (DicomNode node : nodes) {
            jdbc.sql("""
                            INSERT INTO hub.vpn_site_dicom_node (facility_id, ae_title, host, port, accepts, position)
                            VALUES (:facility, :title, CAST(:host AS inet), :port, CAST(:accepts AS text[]), :position)""")
                    .param("facility", facilityId)
                    .param("title", node.aeTitle())
                    .param("host", node.host())
                    .param("port", node.port())
                    .param("accepts", "{" + node.accepts().stream().map(Enum::name).sorted()
                            .collect(Collectors.joining(",")) + "}")
                    .param("position", position++)
                    .update();
        }
        jdbc.sql("UPDATE hub.vpn_site SET updated_at = now(), updated_by = :actor WHERE facility_id = :facility")
                .param("facility", facilityId).param("actor", actorId).update();
    }

    private static Set<DicomNode.Service> services(String[] names) {
        Set<DicomNode.Service> services = EnumSet.noneOf(DicomNode.Service.class);
        for (String name : names) {
            services.add(DicomNode.Service.valueOf(name));
        }
        return services;
    }

    record StoredSite(String facilityId, RouterKind routerKind, String publicAddress, List<IpPrefix> lanPrefixes,
                      SiteContact contact, Instant createdAt, Instant updatedAt, String updatedBy) {
    }

    record PlannedPrefix(String facilityId, IpPrefix prefix) {
    }
}
