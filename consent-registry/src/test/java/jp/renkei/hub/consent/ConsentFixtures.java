package jp.renkei.hub.consent;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Principals, consent terms and audit reads for the consent tests (the test database is shared). */
final class ConsentFixtures {

    record Audited(String action, String outcome, String facilityId, String resource, String detail) {
    }

    private ConsentFixtures() {
    }

    static HubPrincipal person(String facilityId, HubRole role) {
        return new HubPrincipal(HubPrincipal.Kind.PERSON, "person-" + UUID.randomUUID(), "テスト 花子", facilityId,
                Set.of(role));
    }

    static String localId() {
        return "P-" + UUID.randomUUID().toString().substring(0, 13);
    }

    static ConsentTerms terms(FacilityScope grantees, FacilityScope sources, Instant from, Instant until) {
        return new ConsentTerms(grantees, sources, new ValidityPeriod(from, until), ObtainedVia.WRITTEN_FORM);
    }

    static List<Audited> auditOf(JdbcClient jdbc, EventNumber number) {
        return jdbc.sql("SELECT action, outcome, facility_id, resource, detail FROM hub.audit_event"
                        + " WHERE patient_ref = :ref ORDER BY seq")
                .param("ref", number.formatted())
                .query((rs, i) -> new Audited(rs.getString("action"), rs.getString("outcome"),
                        rs.getString("facility_id"), rs.getString("resource"), rs.getString("detail")))
                .list();
    }
}
