package jp.renkei.hub.app.carenet;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.RawHubHttp;
import jp.renkei.hub.app.support.RawHubHttp.Exchange;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.Profession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Care-net in the whole hub over HTTPS with real sessions (password, two-factor code): a care manager applies,
 * the support centre approves, a visiting nurse and a family member join, the nurse posts a sleep entry with a
 * phone photo whose GPS and device data never reach the database, family see only what is shared, an outsider
 * gets 404 as for an absent room, and a removed member 403 "no longer a member".
 */
@HubIntegrationTest
class CareNetIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GPS = "GPS 37.7608N 140.4747E";
    private static final String DEVICE = "Apple iPhone 15 Pro SN-F2LXK9";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    record Member(String id, RawHubHttp http) {
    }

    @Test
    void aCareManagersRoomFromApplicationToAStaffChange() throws Exception {
        FacilityRegistry registry = context.getBean(FacilityRegistry.class);
        String careOffice = activeFacility(registry, FacilityKind.CARE_MANAGEMENT_OFFICE, "ケアネット試験居宅介護支援事業所");
        String nurseStation = activeFacility(registry, FacilityKind.VISITING_NURSE_STATION, "ケアネット試験訪問看護ステーション");
        Member careManager = member(careOffice, Profession.CARE_MANAGER);
        Member nurse = member(nurseStation, Profession.VISITING_NURSE);
        Member family = member(careOffice, Profession.FAMILY_MEMBER);
        String operator = registry.list(null, FacilityKind.HUB_OPERATOR, null).get(0).id();
        Member supportCentre = member(operator, Profession.HUB_ADMIN);
        Member outsider = member(TestPeople.demoFacilityId(context, DemoFacility.CLINIC), Profession.DOCTOR);

        Exchange applied = send(careManager, "POST", "/api/care-net/rooms", Map.of("patientName", "福島 一郎",
                "scannedForm", Base64.getEncoder().encodeToString(picture(100, 140, false))));
        assertThat(applied.status()).as(applied.brief()).isEqualTo(201);
        String roomId = JSON.readTree(applied.body()).get("id").asText();
        String room = "/api/care-net/rooms/" + roomId;

        assertThat(send(careManager, "POST", room + "/approve", Map.of()).status()).isEqualTo(403);
        assertThat(send(supportCentre, "POST", room + "/approve", Map.of()).status()).isEqualTo(200);
        assertThat(send(careManager, "POST", room + "/members", Map.of("personId", nurse.id(),
                "facilityId", nurseStation)).status()).isEqualTo(201);
        assertThat(send(careManager, "POST", room + "/members", Map.of("personId", family.id())).status())
                .isEqualTo(201);

        Exchange posted = send(nurse, "POST", room + "/posts", Map.of("title", "夜間の様子",
                "body", "夜中に 2 回目が覚めたとのこと。仙骨部の発赤は軽快。",
                "entries", List.of(Map.of("category", "SLEEP", "values", Map.of("daytimeSleep", "あり",
                        "nightSleep", 5.5, "insomniaType", "中途覚醒"))),
                "attachments", List.of(Map.of("fileName", "IMG_0001.jpg",
                        "content", Base64.getEncoder().encodeToString(picture(640, 480, true))))));
        assertThat(posted.status()).as(posted.brief()).isEqualTo(201);
        JsonNode post = JSON.readTree(posted.body());
        assertThat(post.at("/entries/0/values").size()).isEqualTo(3);

        byte[] stored = jdbc.sql("SELECT content FROM hub.care_attachment WHERE id = :id")
                .param("id", UUID.fromString(post.at("/attachments/0/id").asText())).query(byte[].class).single();
        String raw = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("Exif").doesNotContain(GPS)
                .doesNotContain(new String(DEVICE.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        assertThat(ImageIO.read(new ByteArrayInputStream(stored)).getWidth()).isEqualTo(640);

        String postPath = room + "/posts/" + post.get("id").asText();
        assertThat(JSON.readTree(send(careManager, "GET", postPath, null).body()).get("readLabel").asText())
                .isEqualTo("既読 1/1");
        assertThat(JSON.readTree(send(family, "GET", room + "/posts", null).body()).size()).isZero();
        assertThat(send(family, "GET", postPath, null).status()).isEqualTo(404);
        Exchange searched = send(careManager, "GET", room + "/search?q=" + java.net.URLEncoder.encode("発赤",
                StandardCharsets.UTF_8), null);
        assertThat(JSON.readTree(searched.body()).size()).as(searched.brief()).isEqualTo(1);

        Exchange outsiderAnswer = send(outsider, "GET", room, null);
        Exchange absent = send(outsider, "GET", "/api/care-net/rooms/" + UUID.randomUUID(), null);
        assertThat(outsiderAnswer.status()).isEqualTo(404);
        assertThat(outsiderAnswer.body().replaceAll("[0-9a-f-]{36}", "<id>"))
                .isEqualTo(absent.body().replaceAll("[0-9a-f-]{36}", "<id>"));

        assertThat(send(nurse, "GET", room + "/posts", null).status()).isEqualTo(200);
        assertThat(send(careManager, "DELETE", room + "/members/" + nurse.id(), null).status()).isEqualTo(200);
        for (String path : List.of(room + "/posts", postPath)) {
            Exchange refused = send(nurse, "GET", path, null);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(JSON.readTree(refused.body()).get("detail").asText())
                    .isEqualTo("You are no longer a member of this room");
            assertThat(refused.body()).doesNotContain("発赤", post.get("title").asText());
        }

        List<String> audited = jdbc.sql("SELECT action || ' ' || outcome || ' ' || resource FROM hub.audit_event"
                + " WHERE patient_ref = :room").param("room", "CareRoom/" + roomId).query(String.class).list();
        assertThat(audited).contains("CREATE SUCCESS care-net room", "CREATE SUCCESS care-net post",
                "READ SUCCESS care-net post", "READ DENIED care-net room", "SEARCH DENIED care-net room");
    }

    private Exchange send(Member member, String method, String path, Object body) {
        return CareNetHub.api(member.http(), method, path, body);
    }

    private Member member(String facilityId, Profession profession) {
        TestPeople.Person person = TestPeople.person(context, facilityId, profession, false,
                profession.requiresTwoFactor());
        return new Member(person.id(), CareNetHub.session(context, port, person, facilityId, Instant.now()));
    }

    private static String activeFacility(FacilityRegistry registry, FacilityKind kind, String name) {
        return CareNetHub.activeFacility(registry, kind, name);
    }

    /** A JPEG; with {@code exif}, as a phone writes it: an APP1 Exif segment with GPS and device text. */
    private static byte[] picture(int width, int height, boolean exif) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", plain);
        byte[] jpeg = plain.toByteArray();
        if (!exif) {
            return jpeg;
        }
        byte[] payload = ("Exif\0\0MM\0*\0\0\0\b" + GPS + "\0").getBytes(StandardCharsets.ISO_8859_1);
        byte[] device = DEVICE.getBytes(StandardCharsets.UTF_8);
        int length = payload.length + device.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.write(payload);
        out.write(device);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
