package jp.renkei.hub.carenet.partner;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

import jp.renkei.hub.carenet.CareNetAudit;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The institutions a facility actually shared information with in care-net in a period (様式19の3 attachment):
 * facilities whose staff posted, commented or read in a room in which the facility's own staff posted,
 * commented or read, both within the period. A person counts for the facility they were in the room for at that
 * moment (their membership then), so staff changes and people working at two facilities are counted right.
 * Family members count for no facility. For the facility's administrator (FACILITY_ADMIN), for the facility
 * they act for.
 */
@Service
@Transactional(readOnly = true)
public class PartnerInstitutions {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    /** Who was active in which room when: posts, comments and first reads. */
    private static final String ACTIVITY = """
            WITH activity AS (
                SELECT p.room_id, p.author_id AS person_id, p.created_at AS at FROM hub.care_post p
                 WHERE p.created_at >= :from AND p.created_at < :to
                UNION ALL
                SELECT p.room_id, c.author_id, c.created_at FROM hub.care_comment c JOIN hub.care_post p ON p.id = c.post_id
                 WHERE c.created_at >= :from AND c.created_at < :to
                UNION ALL
                SELECT p.room_id, r.person_id, r.read_at FROM hub.care_read_receipt r JOIN hub.care_post p ON p.id = r.post_id
                 WHERE r.read_at >= :from AND r.read_at < :to
            ), by_facility AS (
                SELECT a.room_id, m.facility_id, max(a.at) AS last_at FROM activity a
                  JOIN hub.care_room_member m ON m.room_id = a.room_id AND m.person_id = a.person_id
                   AND m.kind = 'STAFF' AND m.added_at <= a.at AND (m.removed_at IS NULL OR m.removed_at > a.at)
                 GROUP BY a.room_id, m.facility_id
            )
            SELECT partner.facility_id, count(*) AS rooms, max(partner.last_at) AS last_at
              FROM by_facility own JOIN by_facility partner
                ON partner.room_id = own.room_id AND partner.facility_id <> own.facility_id
             WHERE own.facility_id = :facility
             GROUP BY partner.facility_id
            """;

    private final JdbcClient jdbc;
    private final FacilityRegistry facilities;
    private final CareNetAudit audit;

    public PartnerInstitutions(JdbcClient jdbc, FacilityRegistry facilities, CareNetAudit audit) {
        this.jdbc = jdbc;
        this.facilities = facilities;
        this.audit = audit;
    }

    /** The acting facility's partners from {@code from} to {@code to} (days in Japan, both inclusive). */
    public PartnerList list(LocalDate from, LocalDate to, Requester requester) {
        if (requester.kind() != HubPrincipal.Kind.PERSON || !requester.has(HubRole.FACILITY_ADMIN)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "連携先の一覧（様式19の3 の添付）は施設の管理者が作成します");
        }
        if (from == null || to == null) {
            throw ApiException.invalid(from == null ? "from" : "to", "期間の" + (from == null ? "開始日" : "終了日")
                    + "を入力してください");
        }
        if (to.isBefore(from)) {
            throw ApiException.invalid("to", "期間の終了日（" + to + "）が開始日（" + from + "）より前です");
        }
        String facilityId = requester.facilityId();
        List<Partner> partners = jdbc.sql(ACTIVITY)
                .param("from", Timestamp.from(from.atStartOfDay(JAPAN).toInstant()))
                .param("to", Timestamp.from(to.plusDays(1).atStartOfDay(JAPAN).toInstant()))
                .param("facility", facilityId)
                .query((rs, i) -> partner(rs.getString(1), rs.getInt(2),
                        rs.getTimestamp(3).toInstant().atZone(JAPAN).toLocalDate()))
                .list().stream()
                .sorted(Comparator.comparing(Partner::kind).thenComparing(Partner::name))
                .toList();
        String name = facilities.find(facilityId).map(f -> f.details().name()).orElse(facilityId);
        audit.record(requester, AuditAction.SEARCH, null, "partner institutions", partners.size()
                + " partner institutions of facility " + facilityId + " listed for " + from + ".." + to);
        return new PartnerList(facilityId, name, from, to, partners);
    }

    private Partner partner(String facilityId, int rooms, LocalDate lastShared) {
        Facility facility = facilities.find(facilityId).orElseThrow(() ->
                new IllegalStateException("care-net member of unknown facility " + facilityId));
        return new Partner(facilityId, facility.details().name(), facility.kind(),
                facility.medicalInstitutionCode() == null ? null : facility.medicalInstitutionCode().value(), rooms,
                lastShared);
    }
}
