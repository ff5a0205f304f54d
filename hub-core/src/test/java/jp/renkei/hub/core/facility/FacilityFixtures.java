package jp.renkei.hub.core.facility;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jp.renkei.hub.core.security.HubAuthentication;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Facilities for tests. The database is shared by every test class of a run, so codes, AE titles and
 * regions come from one sequence and never repeat.
 */
final class FacilityFixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(1000);

    private FacilityFixtures() {
    }

    static int next() {
        return SEQUENCE.incrementAndGet();
    }

    /** A fresh code of Fukushima (07) with the given fee-schedule digit. */
    static String code(char feeScheduleType) {
        return "07" + feeScheduleType + String.format("%07d", next());
    }

    static String aeTitle() {
        return "AE_" + next();
    }

    static String region() {
        return "テスト地域" + next();
    }

    static FacilityDetails details(String name, String region, String... aeTitles) {
        return new FacilityDetails(name, "テスト　ビョウイン",
                new PostalAddress("960-8001", "福島県", "福島市", "大町1-1"), region,
                new FacilityContact("024-000-0001", "office@example.jp"),
                Arrays.stream(aeTitles).map(AeTitle::new).toList());
    }

    static FacilityApplication hospital(String... aeTitles) {
        return new FacilityApplication(FacilityKind.HOSPITAL, new MedicalInstitutionCode(code('1')),
                details("テスト病院" + next(), region(), aeTitles));
    }

    static FacilityApplication careOffice(String region) {
        return new FacilityApplication(FacilityKind.CARE_MANAGEMENT_OFFICE, null,
                details("テスト居宅介護支援事業所" + next(), region));
    }

    static HubAuthentication admin(String id) {
        return new HubAuthentication(new HubPrincipal(HubPrincipal.Kind.PERSON, id, "管理 太郎", "hub-operator",
                Set.of(HubRole.HUB_ADMIN)));
    }

    /** The body of a valid application as a client sends it; tests break it on purpose. */
    static Map<String, Object> applicationJson(String kind, String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("medicalInstitutionCode", code);
        body.put("details", detailsJson("テスト医院" + next(), region()));
        return body;
    }

    static Map<String, Object> detailsJson(String name, String region, String... aeTitles) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", name);
        details.put("nameKana", "テスト　イイン");
        details.put("address", new LinkedHashMap<>(Map.of(
                "postalCode", "965-0871", "prefecture", "福島県", "city", "会津若松市", "line", "栄町2-3")));
        details.put("region", region);
        details.put("contact", new LinkedHashMap<>(Map.of("phone", "0242-00-0002")));
        details.put("aeTitles", new ArrayList<>(List.of(aeTitles)));
        return details;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> detailsOf(Map<String, Object> application) {
        return (Map<String, Object>) application.get("details");
    }

    /** Row counts of the three facility tables, to show that a refused request wrote nothing. */
    static List<Integer> rowCounts(JdbcClient jdbc) {
        return List.of("hub.facility", "hub.facility_ae_title", "hub.facility_status_history").stream()
                .map(table -> jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single())
                .toList();
    }
}
