package jp.renkei.hub.app.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.demo.DemoDirectory;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.DemoGateways;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.RawHubHttp;
import jp.renkei.hub.app.support.RawHubHttp.Exchange;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.auth.TotpCodes;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.regional.directory.DirectorySystems;
import jp.renkei.hub.regional.directory.FacilityProfile;
import jp.renkei.hub.regional.directory.Profiles;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The facility directory over real HTTPS on the demo network: a referral desk's search by services and area in
 * distance order (API and portal, with its map), profile edits by the facility's own administrator only (a foreign
 * administrator gets the answer of an unknown facility, nothing changes), bad input refused whole, the FHIR view
 * (Location near a point, HealthcareService by service type) and FHIR writes refused.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectoryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ACCEPT_JSON = {"Accept", "application/json"};

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    Profiles profiles;

    private String hospitalId;
    private String clinicId;
    private final Map<DemoFacility, String> ids = new LinkedHashMap<>();

    @BeforeAll
    void facilities() {
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        FacilityRegistry registry = context.getBean(FacilityRegistry.class);
        for (DemoFacility demo : DemoDirectory.EXTRA) {
            ids.put(demo, registry.list(null, demo.kind(), null).stream()
                    .filter(f -> f.details().name().equals(demo.name())).findFirst().orElseThrow().id());
        }
    }

    private RawHubHttp person(String name, String facilityId, Profession profession, boolean admin) {
        return RawHubHttp.forPerson(name, port, HubIntegrationTest.HOME,
                TestPeople.loggedIn(context, facilityId, profession, admin));
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static JsonNode json(Exchange exchange) {
        try {
            return JSON.readTree(exchange.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(exchange.brief(), e);
        }
    }

    private static List<String> facilityIds(JsonNode page) {
        List<String> found = new ArrayList<>();
        page.get("entries").forEach(e -> found.add(e.get("facilityId").asText()));
        return found;
    }

    @Test
    void aSearchByServicesAndAreaFromTheHospitalListsTheHomeCareClinicsNearestFirst() {
        RawHubHttp desk = person("hospital-clerk", hospitalId, Profession.CLERK, false);
        String search = "/api/directory/facilities?service=home-medical-care&service=end-of-life&area=" + q("県北")
                + "&from=" + hospitalId;

        Exchange all = desk.send("GET", search, null, null, ACCEPT_JSON);
        assertThat(all.status()).as(all.brief()).isEqualTo(200);
        JsonNode page = json(all);
        assertThat(facilityIds(page)).containsExactly(ids.get(DemoDirectory.HOME_CARE_CLINIC),
                ids.get(DemoDirectory.DATE_CLINIC), ids.get(DemoDirectory.NIHONMATSU_CLINIC));
        List<Double> distances = new ArrayList<>();
        page.get("entries").forEach(e -> distances.add(e.get("distanceKm").asDouble()));
        assertThat(distances).isSorted();
        assertThat(distances.get(0)).isLessThan(1.0);
        assertThat(page.get("origin").get("facilityId").asText()).isEqualTo(hospitalId);
        assertThat(page.get("entries").get(0).get("services").toString()).contains("home-medical-care", "around-the-clock");
        assertThat(page.get("entries").get(0).get("desk").get("phone").asText()).isEqualTo("024-000-0101");

        Exchange within = desk.send("GET", search + "&radiusKm=15", null, null, ACCEPT_JSON);
        assertThat(facilityIds(json(within))).containsExactly(ids.get(DemoDirectory.HOME_CARE_CLINIC),
                ids.get(DemoDirectory.DATE_CLINIC));

        Exchange byKana = desk.send("GET", "/api/directory/facilities?name=" + q("ﾛｳｼﾞﾝﾎｹﾝ"), null, null, ACCEPT_JSON);
        assertThat(facilityIds(json(byKana))).containsExactly(ids.get(DemoDirectory.ROKEN));
        Exchange roken = desk.send("GET", "/api/directory/facilities?kind=roken&openOn=SATURDAY&openAt=10:00", null,
                null, ACCEPT_JSON);
        assertThat(facilityIds(json(roken))).containsExactly(ids.get(DemoDirectory.ROKEN));
    }

    @Test
    void badSearchInputIsA400NamingTheParameter() {
        RawHubHttp desk = person("hospital-clerk", hospitalId, Profession.CLERK, false);
        Exchange bad = desk.send("GET", "/api/directory/facilities?service=teleportation&lat=95&lon=140", null, null,
                ACCEPT_JSON);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(bad).get("errors").has("service")).isTrue();
        assertThat(json(bad).get("errors").get("latitude").asText()).contains("-90 から 90");
    }

    @Test
    void onlyTheFacilitysOwnAdministratorChangesItsProfile() {
        FacilityProfile before = profiles.find(clinicId).orElseThrow();
        String body = """
                {"departments": ["01", "09"], "services": ["home-medical-care", "home-oxygen"],
                 "municipalityCode": "072028", "municipalityName": "会津若松市", "latitude": 37.4953,
                 "longitude": "139.9292", "acceptance": "YES", "hours": {"MONDAY": ["09:00-12:00", "14:00-18:00"]},
                 "deskName": "受付", "deskPhone": "0242-00-0002"}""";

        RawHubHttp foreignAdmin = person("hospital-admin", hospitalId, Profession.CLERK, true);
        Exchange foreign = foreignAdmin.send("PUT", "/api/directory/facilities/" + clinicId + "/profile",
                "application/json", body, ACCEPT_JSON);
        Exchange absent = foreignAdmin.send("PUT", "/api/directory/facilities/no-such-facility/profile",
                "application/json", body, ACCEPT_JSON);
        assertThat(foreign.status()).as(foreign.brief()).isEqualTo(404);
        assertThat(absent.status()).isEqualTo(404);
        assertThat(foreign.body().replace(clinicId, "X")).isEqualTo(absent.body().replace("no-such-facility", "X"));
        assertThat(foreignAdmin.send("GET", "/api/directory/facilities/" + clinicId + "/profile", null, null,
                ACCEPT_JSON).status()).isEqualTo(404);

        RawHubHttp ownDoctor = person("clinic-doctor", clinicId, Profession.DOCTOR, false);
        assertThat(ownDoctor.send("PUT", "/api/directory/facilities/" + clinicId + "/profile", "application/json", body,
                ACCEPT_JSON).status()).isEqualTo(403);
        assertThat(profiles.find(clinicId).orElseThrow()).isEqualTo(before);

        RawHubHttp ownAdmin = person("clinic-admin", clinicId, Profession.CLERK, true);
        Exchange saved = ownAdmin.send("PUT", "/api/directory/facilities/" + clinicId + "/profile", "application/json",
                body, ACCEPT_JSON);
        assertThat(saved.status()).as(saved.brief()).isEqualTo(200);
        Exchange entry = ownDoctor.send("GET", "/api/directory/facilities/" + clinicId, null, null, ACCEPT_JSON);
        assertThat(json(entry).get("departments").toString()).contains("09");
        assertThat(json(entry).get("hours").get("days").get("MONDAY")).hasSize(2);
    }

    @Test
    void badProfileInputIsRefusedWholeAndStoresNothing() {
        FacilityProfile before = profiles.find(hospitalId).orElseThrow();
        RawHubHttp admin = person("hospital-admin", hospitalId, Profession.CLERK, true);
        Exchange bad = admin.send("PUT", "/api/directory/facilities/" + hospitalId + "/profile", "application/json", """
                {"services": ["rehabilitation", "teleportation"], "latitude": "95.5", "longitude": "140.46",
                 "hours": {"MONDAY": ["18:00-09:00"]}, "deskName": "地域医療連携室", "deskPhone": "024-000-0011"}""",
                ACCEPT_JSON);

        assertThat(bad.status()).as(bad.brief()).isEqualTo(400);
        JsonNode errors = json(bad).get("errors");
        assertThat(errors.get("services").asText()).contains("teleportation");
        assertThat(errors.get("latitude").asText()).contains("95.5");
        assertThat(errors.get("hours.MONDAY").asText()).contains("18:00-09:00");
        assertThat(profiles.find(hospitalId).orElseThrow()).isEqualTo(before);
    }

    @Test
    void theFhirViewFindsLocationsNearAPointAndServicesByTypeAndRefusesWrites() {
        FhirHttp gateway = DemoGateways.clinic(port);
        String hospitalLocation = "Location?identifier=" + q("https://renkei-hub.jp/fhir/sid/facility|" + hospitalId);
        Bundle own = gateway.get("/fhir/" + hospitalLocation).resource(Bundle.class);
        assertThat(own.getEntry()).hasSize(1);
        Location location = (Location) own.getEntryFirstRep().getResource();
        assertThat(location.getPosition().getLatitude().doubleValue()).isEqualTo(37.7562);
        assertThat(location.getManagingOrganization().getReference()).startsWith("Organization/");
        assertThat(location.getHoursOfOperation()).isNotEmpty();

        Bundle near = gateway.get("/fhir/Location?near=" + q("37.7562|140.4618|2|km") + "&_count=50")
                .resource(Bundle.class);
        List<String> nearIds = near.getEntry().stream().map(e -> facilityOf(((Location) e.getResource()).getIdentifier()))
                .toList();
        assertThat(nearIds).contains(hospitalId, ids.get(DemoDirectory.HOME_CARE_CLINIC))
                .doesNotContain(ids.get(DemoDirectory.DATE_CLINIC), clinicId);

        Bundle services = gateway.get("/fhir/HealthcareService?service-type=" + q(DirectorySystems.SERVICE
                + "|swallowing-assessment") + "&_count=50").resource(Bundle.class);
        List<String> offering = services.getEntry().stream()
                .map(e -> facilityOf(((HealthcareService) e.getResource()).getIdentifier())).toList();
        assertThat(offering).contains(hospitalId, ids.get(DemoDirectory.ROKEN), ids.get(DemoDirectory.DENTAL),
                ids.get(DemoDirectory.NIHONMATSU_CLINIC)).doesNotContain(ids.get(DemoDirectory.TOKUYO));
        HealthcareService roken = services.getEntry().stream().map(e -> (HealthcareService) e.getResource())
                .filter(s -> facilityOf(s.getIdentifier()).equals(ids.get(DemoDirectory.ROKEN))).findFirst().orElseThrow();
        assertThat(roken.getProvidedBy().getReference()).startsWith("Organization/");
        assertThat(roken.getLocationFirstRep().getReference()).startsWith("Location/");
        assertThat(roken.getAvailableTime()).isNotEmpty();

        Location forged = new Location();
        forged.setName("偽の施設");
        assertThat(gateway.post("/fhir/Location", forged).status()).isEqualTo(405);
        assertThat(gateway.put("/fhir/Location/" + location.getIdElement().getIdPart(), location.setName("乗っ取り"))
                .status()).isEqualTo(405);
        assertThat(gateway.post("/fhir/HealthcareService", new HealthcareService()).status()).isEqualTo(405);
    }

    private static String facilityOf(List<Identifier> identifiers) {
        return identifiers.stream().filter(i -> "https://renkei-hub.jp/fhir/sid/facility".equals(i.getSystem()))
                .findFirst().map(Identifier::getValue).orElse("");
    }

    // --- the portal pages ---

    private PortalBrowser logIn(TestPeople.Person person) {
        PortalBrowser browser = PortalBrowser.forHub(port, HubIntegrationTest.HOME);
        Page page = browser.get("/portal/login");
        Page totp = browser.post("/portal/login", Map.of("_csrf", page.csrfToken(), "login", person.login(),
                "password", TestPeople.PASSWORD));
        Page done = browser.post("/portal/login/totp", Map.of("_csrf", totp.csrfToken(), "pendingKey",
                totp.field("pendingKey"), "totp", context.getBean(TotpCodes.class).codeAt(person.totpSecret(),
                        Instant.now())));
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        return browser;
    }

    @Test
    void theSearchPageListsAndMapsTheResultsInDistanceOrderAndExplainsBadInput() {
        PortalBrowser doctor = logIn(TestPeople.person(context, clinicId, Profession.DOCTOR, false, true));

        Page page = doctor.get("/portal/directory?service=home-medical-care&service=end-of-life&area=" + q("県北")
                + "&from=" + hospitalId);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        // the results only: the origin's choice list names the same facilities
        String body = page.body().substring(page.body().indexOf("id=\"directory-results\""));
        int first = body.indexOf("駅前ふくしま在宅クリニック");
        int second = body.indexOf("伊達あおば診療所");
        int third = body.indexOf("二本松ひまわりクリニック");
        assertThat(first).isPositive().isLessThan(second);
        assertThat(second).isLessThan(third);
        assertThat(body).contains("<svg", "class=\"map-scale\"", "起点: 福島中央総合病院");
        Matcher dots = Pattern.compile("<circle[^>]*/><text[^>]*>(\\d+)</text><text[^>]*>([^<]+)</text>").matcher(body);
        List<String> mapped = new ArrayList<>();
        while (dots.find()) {
            mapped.add(dots.group(1) + " " + dots.group(2));
        }
        assertThat(mapped).containsExactly("1 駅前ふくしま在宅クリニック", "2 伊達あおば診療所", "3 二本松ひまわりクリニック");

        Page bad = doctor.get("/portal/directory?lat=95&lon=140&service=teleportation");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("緯度は -90 から 90 の範囲で入力してください", "サービスコード「teleportation」はありません");
    }

    @Test
    void theProfilePageSavesTheAdministratorsOwnProfileAndRefusesBadInputInJapanese() {
        String nurses = ids.get(DemoDirectory.NURSE_STATION);
        PortalBrowser admin = logIn(TestPeople.person(context, nurses, Profession.VISITING_NURSE, true, true));
        Page form = admin.get("/portal/facility/directory");
        assertThat(form.status()).as(form.body()).isEqualTo(200);
        assertThat(form.body()).contains("訪問看護ステーションあづま", "value=\"37.731\"");
        FacilityProfile before = profiles.find(nurses).orElseThrow();

        Page refused = admin.post("/portal/facility/directory", "application/x-www-form-urlencoded",
                urlencoded(form.csrfToken(), "services", "visiting-nursing", "services", "teleportation",
                        "latitude", "95", "longitude", "140.45", "hours_MONDAY", "9時から").getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("サービスコード「teleportation」はありません", "緯度は -90 から 90",
                "「9時から」は読めません", "value=\"95\"");
        assertThat(profiles.find(nurses).orElseThrow()).isEqualTo(before);

        Page saved = admin.post("/portal/facility/directory", "application/x-www-form-urlencoded",
                urlencoded(refused.csrfToken(), "services", "visiting-nursing", "services", "around-the-clock",
                        "services", "swallowing-assessment", "municipalityCode", "072010", "municipalityName", "福島市",
                        "latitude", "37.7311", "longitude", "140.4521", "acceptance", "ASK", "hours_MONDAY",
                        "08:30-17:30", "hours_SUNDAY", "00:00-24:00", "deskName", "管理者", "deskPhone", "024-000-0104")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        FacilityProfile after = profiles.find(nurses).orElseThrow();
        assertThat(after.position().latitude()).isEqualTo(37.7311);
        assertThat(after.hours().openAt(java.time.DayOfWeek.SUNDAY, 3 * 60)).isTrue();
        assertThat(after.serviceList()).hasSize(3);
    }

    @Test
    void theOperatorSeesWhatEachProfileLacks() {
        String operatorFacility = context.getBean(FacilityRegistry.class).list(null, FacilityKind.HUB_OPERATOR, null)
                .get(0).id();
        PortalBrowser operator = logIn(TestPeople.person(context, operatorFacility, Profession.HUB_ADMIN, true, true));
        Page page = operator.get("/portal/operator/directory");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("福島中央総合病院", "特別養護老人ホーム桑折の郷", "記入率");

        RawHubHttp api = person("operator", operatorFacility, Profession.HUB_ADMIN, true);
        Exchange rows = api.send("GET", "/api/directory/completeness", null, null, ACCEPT_JSON);
        assertThat(rows.status()).isEqualTo(200);
        JsonNode hospital = null;
        for (JsonNode row : json(rows)) {
            if (row.get("facilityId").asText().equals(hospitalId)) {
                hospital = row;
            }
        }
        assertThat(hospital).isNotNull();
        assertThat(hospital.get("percent").asInt()).isEqualTo(100);
        RawHubHttp doctor = person("clinic-doctor", clinicId, Profession.DOCTOR, false);
        assertThat(doctor.send("GET", "/api/directory/completeness", null, null, ACCEPT_JSON).status()).isEqualTo(403);
    }

    private static String urlencoded(String csrf, String... pairs) {
        StringBuilder body = new StringBuilder("_csrf=").append(q(csrf));
        for (int i = 0; i < pairs.length; i += 2) {
            body.append('&').append(q(pairs[i])).append('=').append(q(pairs[i + 1]));
        }
        return body.toString();
    }
}
