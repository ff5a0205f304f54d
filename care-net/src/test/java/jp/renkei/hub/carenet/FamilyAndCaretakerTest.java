package jp.renkei.hub.carenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jp.renkei.hub.core.auth.TotpCodes;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.PersonStatus;
import jp.renkei.hub.core.person.PersonStore;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A family member invited by e-mail from a room, end to end: the mail arrives at a real SMTP server with only the
 * activation link and code (no patient name, no room, no post), the family member activates their own account,
 * must enrol an authenticator (TOTP) before anything else, and then — with a real bearer session — sees only the
 * posts shared with family. Who may invite, bad input and an address already in use are refused with nothing
 * written. And the caretaker role handed to another member at a staff change, logged.
 */
@SpringBootTest(classes = CareNetTestApplication.class, properties = "renkei.home=target/test-home")
@AutoConfigureMockMvc
class FamilyAndCaretakerTest {

    private static final byte[] CONSENT_PDF = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".getBytes();
    private static final String PASSWORD = "Kazoku-no-kagi-2026";
    private static final String PATIENT = "福島 一郎";

    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("renkei.care-net.mail.portal-url", () -> "https://hub.example.jp/portal");
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    FacilityRegistry facilities;
    @Autowired
    PersonStore personStore;
    @Autowired
    TotpCodes totp;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aCareManagerInvitesTheDaughterWhoActivatesWithTotpAndSeesOnlySharedPosts() throws Exception {
        CareNetPeople people = new CareNetPeople(facilities, personStore);
        String careOffice = people.facility(FacilityKind.CARE_MANAGEMENT_OFFICE, "招待居宅介護支援事業所");
        String nurseStation = people.facility(FacilityKind.VISITING_NURSE_STATION, "招待訪問看護ステーション");
        String operator = people.facility(FacilityKind.HUB_OPERATOR, "招待支援センター");
        HubPrincipal careManager = people.person(careOffice, Profession.CARE_MANAGER, "佐藤 ケアマネ");
        HubPrincipal nurse = people.person(nurseStation, Profession.VISITING_NURSE, "高橋 看護師");
        HubPrincipal admin = people.person(operator, Profession.HUB_ADMIN, "支援センター");
        HubPrincipal supportCentre = new HubPrincipal(HubPrincipal.Kind.PERSON, admin.id(), admin.display(), operator,
                java.util.Set.of(HubRole.HUB_ADMIN));

        JsonNode room = body(send(careManager, post("/api/care-net/rooms"), Map.of("patientName", PATIENT,
                "members", List.of(Map.of("personId", nurse.id(), "facilityId", nurseStation)),
                "scannedForm", Base64.getEncoder().encodeToString(CONSENT_PDF))).andExpect(status().isCreated()));
        String roomPath = "/api/care-net/rooms/" + room.get("id").asText();
        send(supportCentre, post(roomPath + "/approve"), Map.of()).andExpect(status().isOk());
        send(nurse, post(roomPath + "/posts"), Map.of("title", "褥瘡の処置", "body", "仙骨部の発赤を処置。"))
                .andExpect(status().isCreated());
        send(nurse, post(roomPath + "/posts"), Map.of("title", "今日のご様子", "body", "お元気でした。",
                "sharedWithFamily", true)).andExpect(status().isCreated());

        String address = "hanako" + System.nanoTime() + "@example.jp";
        String invitePath = roomPath + "/family-invitations";
        // only the applicant or the caretaker invites; bad input is refused precisely; nothing is written
        send(nurse, post(invitePath), Map.of("email", address, "displayName", "福島 花子"))
                .andExpect(status().isForbidden());
        send(careManager, post(invitePath), Map.of("email", "hanako.example.jp", "displayName", "福島 花子"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.email").value("メールアドレスを正しく入力してください（例: hanako@example.jp）"));
        send(careManager, post(invitePath), Map.of("email", address, "displayName", " "))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.displayName").exists());
        assertThat(jdbc.sql("SELECT count(*) FROM hub.person WHERE email = :e").param("e", address)
                .query(Integer.class).single()).isZero();
        assertThat(SMTP.getReceivedMessages()).isEmpty();

        JsonNode invited = body(send(careManager, post(invitePath), Map.of("email", address,
                "displayName", "福島 花子（長女）"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.member.kind").value("FAMILY"))
                .andExpect(jsonPath("$.member.profession").value("FAMILY_MEMBER")));
        String login = invited.get("login").asText();
        assertThat(invited.toString()).doesNotContainIgnoringCase("code\":");
        // the same address again: one account per person
        send(careManager, post(invitePath), Map.of("email", address, "displayName", "福島 花子"))
                .andExpect(status().isConflict());

        // the mail: the link with login and code, and nothing of the patient, the room or the posts
        assertThat(SMTP.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo(address);
        String text = GreenMailUtil.getBody(mails[0]);
        String decoded = mails[0].getContent().toString();
        assertThat(decoded).contains("https://hub.example.jp/portal/login/activate?login=" + login + "&code=")
                .doesNotContain(PATIENT, "福島 一郎", "褥瘡", "発赤", "今日のご様子", room.get("id").asText(),
                        "招待居宅介護支援事業所");
        assertThat(text).isNotBlank();
        Matcher link = Pattern.compile("&code=([A-Z0-9-]+)").matcher(decoded);
        assertThat(link.find()).as(decoded).isTrue();
        String code = link.group(1);
        assertThat(personStore.accountByLogin(login).orElseThrow().person().status()).isEqualTo(PersonStatus.INVITED);

        // activation: the family member's own password
        mvc.perform(post("/api/auth/activate").contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsBytes(
                Map.of("login", login, "activationCode", code, "password", PASSWORD))))
                .andExpect(status().isNoContent());
        // the code is one-time
        mvc.perform(post("/api/auth/activate").contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsBytes(
                Map.of("login", login, "activationCode", code, "password", PASSWORD + "x"))))
                .andExpect(status().is4xxClientError());

        // first sign-in: an authenticator must be enrolled before anything else
        JsonNode enrol = body(login(login, null).andExpect(status().isForbidden()));
        String enrolment = enrol.get("enrolmentToken").asText();
        mvc.perform(get(roomPath + "/posts").header("Authorization", "Bearer " + enrolment))
                .andExpect(status().isForbidden());
        JsonNode started = body(mvc.perform(post("/api/auth/totp/enrol").header("Authorization", "Bearer " + enrolment))
                .andExpect(status().isOk()));
        String secret = started.get("secret").asText();
        mvc.perform(post("/api/auth/totp/confirm").header("Authorization", "Bearer " + enrolment)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsBytes(Map.of("code", totp.codeAt(secret, Instant.now())))))
                .andExpect(status().isOk());
        login(login, null).andExpect(status().isUnauthorized()); // the code is now required
        String token = body(login(login, totp.codeAt(secret, Instant.now().plusSeconds(30)))
                .andExpect(status().isOk())).get("token").asText();

        // with their own session: the room, and only the post shared with family
        mvc.perform(get(roomPath + "/posts").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].title").value("今日のご様子"));
        mvc.perform(get(roomPath + "/search").param("q", "発赤").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));

        List<String> audited = jdbc.sql("SELECT action || ' ' || outcome || ' ' || resource FROM hub.audit_event"
                + " WHERE patient_ref = :room").param("room", "CareRoom/" + room.get("id").asText())
                .query(String.class).list();
        assertThat(audited).contains("CREATE SUCCESS care-net family invitation", "UPDATE SUCCESS care-net member");
    }

    @Test
    void theCaretakerRoleIsHandedToAnotherStaffMemberAndLogged() throws Exception {
        CareNetPeople people = new CareNetPeople(facilities, personStore);
        String careOffice = people.facility(FacilityKind.CARE_MANAGEMENT_OFFICE, "交代居宅介護支援事業所");
        String nurseStation = people.facility(FacilityKind.VISITING_NURSE_STATION, "交代訪問看護ステーション");
        String operator = people.facility(FacilityKind.HUB_OPERATOR, "交代支援センター");
        HubPrincipal careManager = people.person(careOffice, Profession.CARE_MANAGER, "佐藤 ケアマネ");
        HubPrincipal successor = people.person(careOffice, Profession.CARE_MANAGER, "伊藤 ケアマネ");
        HubPrincipal nurse = people.person(nurseStation, Profession.VISITING_NURSE, "高橋 看護師");
        HubPrincipal family = people.person(careOffice, Profession.FAMILY_MEMBER, "福島 花子");
        HubPrincipal outsider = people.person(nurseStation, Profession.VISITING_NURSE, "よその 看護師");
        HubPrincipal admin = people.person(operator, Profession.HUB_ADMIN, "支援センター");
        HubPrincipal supportCentre = new HubPrincipal(HubPrincipal.Kind.PERSON, admin.id(), admin.display(), operator,
                java.util.Set.of(HubRole.HUB_ADMIN));
        JsonNode room = body(send(careManager, post("/api/care-net/rooms"), Map.of("patientName", PATIENT,
                "members", List.of(Map.of("personId", nurse.id(), "facilityId", nurseStation),
                        Map.of("personId", successor.id(), "facilityId", careOffice), Map.of("personId", family.id())),
                "scannedForm", Base64.getEncoder().encodeToString(CONSENT_PDF))).andExpect(status().isCreated()));
        String roomPath = "/api/care-net/rooms/" + room.get("id").asText();
        send(supportCentre, post(roomPath + "/approve"), Map.of()).andExpect(status().isOk());
        String caretaker = roomPath + "/caretaker";

        // only the applicant or the caretaker hands it on, only to a current staff member; others as for an absent room
        send(nurse, put(caretaker), Map.of("personId", nurse.id())).andExpect(status().isForbidden());
        send(outsider, put(caretaker), Map.of("personId", outsider.id())).andExpect(status().isNotFound());
        send(careManager, put(caretaker), Map.of("personId", family.id()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.personId").value("世話役はこの部屋の現在のメンバー（家族以外）から選んでください"));
        send(careManager, put(caretaker), Map.of("personId", outsider.id())).andExpect(status().isBadRequest());
        send(careManager, put(caretaker), Map.of("personId", careManager.id())).andExpect(status().isConflict());

        // the care manager leaves: hand the role to the successor, who can then remove them
        send(careManager, delete(roomPath + "/members/" + careManager.id()), null).andExpect(status().isConflict());
        send(careManager, put(caretaker), Map.of("personId", successor.id()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.caretakerId").value(successor.id()));
        mvc.perform(get(roomPath).with(CareNetStoryTest.as(nurse)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.caretakerId").value(successor.id()));
        send(successor, put(caretaker), Map.of("personId", nurse.id())).andExpect(status().isOk());
        send(nurse, put(caretaker), Map.of("personId", successor.id())).andExpect(status().isOk());

        List<String> log = jdbc.sql("SELECT detail FROM hub.audit_event WHERE patient_ref = :room"
                        + " AND resource = 'care-net caretaker' ORDER BY seq")
                .param("room", "CareRoom/" + room.get("id").asText()).query(String.class).list();
        assertThat(log).containsExactly(
                "caretaker changed from person " + careManager.id() + " to person " + successor.id() + " by " + careManager.id(),
                "caretaker changed from person " + successor.id() + " to person " + nurse.id() + " by " + successor.id(),
                "caretaker changed from person " + nurse.id() + " to person " + successor.id() + " by " + nurse.id());
    }

    private ResultActions login(String login, String code) throws Exception {
        Map<String, String> body = code == null ? Map.of("login", login, "password", PASSWORD)
                : Map.of("login", login, "password", PASSWORD, "totp", code);
        return mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsBytes(body)));
    }

    private JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private ResultActions send(HubPrincipal principal, MockHttpServletRequestBuilder request, Object body)
            throws Exception {
        return mvc.perform(request.with(CareNetStoryTest.as(principal)).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsBytes(body)));
    }
}
