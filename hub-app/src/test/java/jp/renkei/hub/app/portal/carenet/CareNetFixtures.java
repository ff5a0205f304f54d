package jp.renkei.hub.app.portal.carenet;

import static jp.renkei.hub.app.portal.consent.DeskSupport.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.RawHubHttp;
import jp.renkei.hub.app.support.RawHubHttp.Exchange;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.auth.LoginRequest;
import jp.renkei.hub.core.auth.LoginResult;
import jp.renkei.hub.core.auth.LoginService;
import jp.renkei.hub.core.auth.TotpCodes;
import jp.renkei.hub.core.facility.FacilityApplication;
import jp.renkei.hub.core.facility.FacilityContact;
import jp.renkei.hub.core.facility.FacilityDetails;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.facility.PostalAddress;
import jp.renkei.hub.core.person.Profession;
import org.springframework.context.ApplicationContext;

/**
 * An open care-net room set up through the care-net API, as CareNetIT does: a care manager applies, the support
 * centre approves, the care manager adds members (people who then use the portal).
 */
final class CareNetFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApplicationContext context;
    private final int port;
    final String careOffice;
    final String nurseStation;

    CareNetFixtures(ApplicationContext context, int port) {
        this.context = context;
        this.port = port;
        FacilityRegistry registry = context.getBean(FacilityRegistry.class);
        this.careOffice = activeFacility(registry, FacilityKind.CARE_MANAGEMENT_OFFICE, "ポータル試験居宅介護支援事業所");
        this.nurseStation = activeFacility(registry, FacilityKind.VISITING_NURSE_STATION, "ポータル試験訪問看護ステーション");
    }

    /** An open room of {@code patientName} with these people (id, facility) as members; its ID. */
    String openRoom(String patientName, List<TestPeople.Person> members, String memberFacility) throws Exception {
        RawHubHttp careManager = api(careOffice, Profession.CARE_MANAGER);
        String operator = context.getBean(FacilityRegistry.class).list(null, FacilityKind.HUB_OPERATOR, null).get(0).id();
        RawHubHttp supportCentre = api(operator, Profession.HUB_ADMIN);
        Exchange applied = send(careManager, "POST", "/api/care-net/rooms", Map.of("patientName", patientName,
                "scannedForm", Base64.getEncoder().encodeToString(jpeg(100, 140))));
        assertThat(applied.status()).as(applied.brief()).isEqualTo(201);
        String roomId = JSON.readTree(applied.body()).get("id").asText();
        String room = "/api/care-net/rooms/" + roomId;
        assertThat(send(supportCentre, "POST", room + "/approve", Map.of()).status()).isEqualTo(200);
        for (TestPeople.Person member : members) {
            Exchange added = send(careManager, "POST", room + "/members", Map.of("personId", member.id(),
                    "facilityId", memberFacility));
            assertThat(added.status()).as(added.brief()).isEqualTo(201);
        }
        return roomId;
    }

    TestPeople.Person person(String facilityId, Profession profession) {
        return TestPeople.person(context, facilityId, profession, false, true);
    }

    /** The person logged in to the portal (password, two-factor code). */
    PortalBrowser portal(TestPeople.Person person) {
        PortalBrowser browser = PortalBrowser.forHub(port, HubIntegrationTest.HOME);
        Page login = browser.get("/portal/login");
        Page totp = browser.post("/portal/login", form("_csrf", login.csrfToken(), "login", person.login(),
                "password", TestPeople.PASSWORD));
        Page done = browser.post("/portal/login/totp", form("_csrf", totp.csrfToken(),
                "pendingKey", totp.field("pendingKey"),
                "totp", context.getBean(TotpCodes.class).codeAt(person.totpSecret(), Instant.now())));
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        return browser;
    }

    private RawHubHttp api(String facilityId, Profession profession) {
        TestPeople.Person person = TestPeople.person(context, facilityId, profession, false, true);
        String code = context.getBean(TotpCodes.class).codeAt(person.totpSecret(), Instant.now());
        LoginResult result = context.getBean(LoginService.class)
                .login(new LoginRequest(person.login(), TestPeople.PASSWORD, code, null, facilityId), "127.0.0.1");
        if (!(result instanceof LoginResult.Success success)) {
            throw new IllegalStateException("login failed: " + result);
        }
        return RawHubHttp.forPerson(profession.name(), port, HubIntegrationTest.HOME, success.token());
    }

    private static Exchange send(RawHubHttp http, String method, String path, Object body) throws Exception {
        return http.send(method, path, body == null ? null : "application/json",
                body == null ? null : JSON.writeValueAsString(body), "Accept", "application/json");
    }

    private static String activeFacility(FacilityRegistry registry, FacilityKind kind, String name) {
        String id = registry.apply(new FacilityApplication(kind, null, new FacilityDetails(name + UUID.randomUUID()
                .toString().substring(0, 4), "テスト", new PostalAddress("960-8001", "福島県", "福島市", "大町2-2"), "県北",
                new FacilityContact("024-000-0009", null), List.of())), "care-net-portal-it").id();
        registry.changeStatus(id, FacilityStatus.APPROVED, null, "care-net-portal-it");
        registry.changeStatus(id, FacilityStatus.ACTIVE, null, "care-net-portal-it");
        return id;
    }

    /** A small orange JPEG, as javax.imageio writes it. */
    /** The smallest Word package: its content types naming the main document part, and that part. */
    static byte[] docx() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            java.util.zip.ZipEntry types = new java.util.zip.ZipEntry("[Content_Types].xml");
            types.setTime(0); // fixed times: the same bytes on every call, so the download can be compared
            zip.putNextEntry(types);
            zip.write(("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override"
                    + " PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                    + "wordprocessingml.document.main+xml\"/></Types>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.util.zip.ZipEntry document = new java.util.zip.ZipEntry("word/document.xml");
            document.setTime(0);
            zip.putNextEntry(document);
            zip.write("<document>会議録</document>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] jpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
