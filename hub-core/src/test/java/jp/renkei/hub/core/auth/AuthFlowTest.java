package jp.renkei.hub.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.core.person.PersonAccounts;
import jp.renkei.hub.core.person.PersonInvitation;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.testsupport.HubCoreTest;
import jp.renkei.hub.core.testsupport.TestFacilities;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Login as people experience it: activation, two-factor enrolment and use, lockout, rotation reminder. */
@HubCoreTest
class AuthFlowTest {

    static final String PASSWORD = "Kibitan-kenko-2026";
    /** Who sets up the test people: a hub administrator acting for the hub. */
    static final HubPrincipal HUB_ADMIN = new HubPrincipal(HubPrincipal.Kind.PERSON, "test-hub-admin", "試験 管理者",
            null, Set.of(HubRole.HUB_ADMIN));

    @Autowired MockMvc mvc;
    @Autowired PersonAccounts accounts;
    @Autowired TotpCodes totp;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired FacilityRegistry facilities;
    @Autowired LoginService logins;
    @Autowired TwoFactorEnrolment enrolment;

    @Test
    void aDoctorCannotGetInWithoutTwoFactorAndGetsInWithIt() throws Exception {
        String facility = facility();
        String login = activated(facility, Profession.DOCTOR, false);

        // password alone: only an enrolment token, which opens nothing else
        MockHttpServletResponse first = login(Map.of("login", login, "password", PASSWORD));
        assertThat(first.getStatus()).isEqualTo(403);
        String enrolmentToken = body(first).path("enrolmentToken").asText();
        assertThat(call(get("/api/me"), enrolmentToken).getStatus()).isEqualTo(403);

        JsonNode started = body(call(post("/api/auth/totp/enrol"), enrolmentToken));
        String secret = started.path("secret").asText();
        assertThat(started.path("otpauthUri").asText()).startsWith("otpauth://totp/").contains("secret=" + secret);
        assertThat(started.path("qrCodePng").asText()).startsWith("data:image/png;base64,");
        MockHttpServletResponse confirmed = call(post("/api/auth/totp/confirm")
                .contentType(MediaType.APPLICATION_JSON).content(json(Map.of("code", code(secret, -30)))), enrolmentToken);
        assertThat(confirmed.getStatus()).isEqualTo(200);
        assertThat(body(confirmed).path("recoveryCodes")).hasSize(10);

        // enrolled: password without code fails, with a fresh code succeeds, the same code cannot be replayed
        assertThat(login(Map.of("login", login, "password", PASSWORD)).getStatus()).isEqualTo(401);
        String code = code(secret, 0);
        MockHttpServletResponse success = login(Map.of("login", login, "password", PASSWORD, "totp", code));
        assertThat(success.getStatus()).isEqualTo(200);
        JsonNode session = body(success);
        assertThat(session.path("facilityId").asText()).isEqualTo(facility);
        assertThat(session.path("roles").toString()).contains("DOCTOR");
        assertThat(call(get("/api/me"), session.path("token").asText()).getStatus()).isEqualTo(200);
        assertThat(login(Map.of("login", login, "password", PASSWORD, "totp", code)).getStatus()).isEqualTo(401);
    }

    @Test
    void aLoginInStepsKeepsAProofOfThePasswordNeverThePassword() throws Exception {
        String facility = facility();
        String login = activated(facility, Profession.DOCTOR, false);
        String secret = enrolledAuthenticator(login);

        assertThat(logins.loginStep(new LoginRequest(login, "wrong-password-1", null, null, null), "127.0.0.1")
                .firstFactor()).as("a wrong password gives no proof").isEmpty();
        LoginService.Step first = logins.loginStep(new LoginRequest(login, PASSWORD, null, null, null), "127.0.0.1");
        assertThat(first.result()).isInstanceOf(LoginResult.TotpRequired.class);
        LoginService.FirstFactor proof = first.firstFactor().orElseThrow();

        LoginService.Step wrongCode = logins.continueLogin(proof, "000000".equals(code(secret, 0)) ? "111111" : "000000",
                null, null, "127.0.0.1");
        assertThat(wrongCode.result()).isInstanceOf(LoginResult.Failed.class);
        assertThat(wrongCode.firstFactor()).as("the code may be typed again").contains(proof);
        LoginService.Step done = logins.continueLogin(proof, code(secret, 0), null, null, "127.0.0.1");
        assertThat(done.result()).isInstanceOf(LoginResult.Success.class);
        assertThat(call(get("/api/me"), ((LoginResult.Success) done.result()).token()).getStatus()).isEqualTo(200);
        assertThat(logins.continueLogin(proof, code(secret, 0), null, null, "127.0.0.1").result())
                .as("the code is not accepted twice").isInstanceOf(LoginResult.Failed.class);
    }

    @Test
    void anEnrolmentInALoginIsItsSecondFactorAndOnlyForThePersonWhosePasswordWasRight() throws Exception {
        String facility = facility();
        String login = activated(facility, Profession.NURSE, false);
        String other = activated(facility, Profession.NURSE, false);
        String personId = jdbc.sql("SELECT id::text FROM hub.person WHERE login = ?").param(login).query(String.class).single();
        String otherId = jdbc.sql("SELECT id::text FROM hub.person WHERE login = ?").param(other).query(String.class).single();
        LoginService.Step first = logins.loginStep(new LoginRequest(login, PASSWORD, null, null, null), "127.0.0.1");
        assertThat(first.result()).isInstanceOf(LoginResult.TotpEnrolmentRequired.class);
        LoginService.FirstFactor proof = first.firstFactor().orElseThrow();
        enrolment.start(otherId);
        assertThat(logins.confirmEnrolment(proof, otherId, "123456", "127.0.0.1").step().result())
                .as("another person's enrolment is not this login's").isInstanceOf(LoginResult.Failed.class);

        String secret = enrolment.resume(personId).secret();
        assertThat(enrolment.resume(personId).secret()).as("the same enrolment, shown again").isEqualTo(secret);
        String wrong = "000000".equals(code(secret, 0)) ? "111111" : "000000";
        assertThatThrownBy(() -> logins.confirmEnrolment(proof, personId, wrong, "127.0.0.1"))
                .isInstanceOf(jp.renkei.hub.core.web.ApiException.class);
        LoginService.Enrolled enrolled = logins.confirmEnrolment(proof, personId, code(secret, 0), "127.0.0.1");
        assertThat(enrolled.recoveryCodes()).hasSize(10);
        assertThat(enrolled.step().result()).isInstanceOf(LoginResult.Success.class);
        assertThat(call(get("/api/me"), ((LoginResult.Success) enrolled.step().result()).token()).getStatus())
                .isEqualTo(200);
        assertThat(logins.continueLogin(proof, code(secret, 0), null, null, "127.0.0.1").result())
                .as("the enrolment's code is not accepted again").isInstanceOf(LoginResult.Failed.class);
        assertThatThrownBy(() -> enrolment.resume(personId)).as("enrolled: no new secret")
                .isInstanceOf(jp.renkei.hub.core.web.ApiException.class);
    }

    @Test
    void anAdministratorGrantsAndWithdrawsAdministrationOnlyToOtherPeopleOfTheirFacility() throws Exception {
        String facility = facility();
        String foreign = facility();
        String clerk = activated(facility, Profession.CLERK, false);
        String clerkId = jdbc.sql("SELECT id::text FROM hub.person WHERE login = ?").param(clerk).query(String.class).single();
        HubPrincipal admin = new HubPrincipal(HubPrincipal.Kind.PERSON, UUID.randomUUID().toString(), "管理者",
                facility, Set.of(HubRole.FACILITY_ADMIN));

        assertThat(accounts.setAdmin(facility, clerkId, true, admin).admin()).isTrue();
        assertThat(accounts.memberOf(facility, clerkId).admin()).isTrue();
        assertThat(accounts.membersWithRoles(facility)).anySatisfy(m -> {
            assertThat(m.person().id()).isEqualTo(clerkId);
            assertThat(m.admin()).isTrue();
        });
        assertThat(accounts.setAdmin(facility, clerkId, false, admin).admin()).isFalse();
        assertThat(accounts.memberOf(facility, clerkId).admin()).isFalse();

        for (String id : List.of(clerkId, UUID.randomUUID().toString(), "not-a-uuid")) {
            String in = id.equals(clerkId) ? foreign : facility;
            assertThatThrownBy(() -> accounts.memberOf(in, id)).isInstanceOfSatisfying(
                    jp.renkei.hub.core.web.ApiException.class, e -> assertThat(e.status().value()).isEqualTo(404));
            assertThatThrownBy(() -> accounts.setAdmin(in, id, true, admin)).isInstanceOfSatisfying(
                    jp.renkei.hub.core.web.ApiException.class, e -> assertThat(e.status().value()).isEqualTo(404));
        }
        HubPrincipal self = new HubPrincipal(HubPrincipal.Kind.PERSON, clerkId, "本人", facility,
                Set.of(HubRole.FACILITY_ADMIN));
        assertThatThrownBy(() -> accounts.setAdmin(facility, clerkId, true, self))
                .isInstanceOf(jp.renkei.hub.core.web.ApiException.class);
    }

    @Test
    void aRecoveryCodeWorksOnceInsteadOfTheAuthenticator() throws Exception {
        String login = activated(facility(), Profession.PHARMACIST, false);
        String enrolment = body(login(Map.of("login", login, "password", PASSWORD))).path("enrolmentToken").asText();
        String secret = body(call(post("/api/auth/totp/enrol"), enrolment)).path("secret").asText();
        JsonNode codes = body(call(post("/api/auth/totp/confirm").contentType(MediaType.APPLICATION_JSON)
                .content(json(Map.of("code", code(secret, 0)))), enrolment)).path("recoveryCodes");
        String recovery = codes.get(3).asText();

        assertThat(login(Map.of("login", login, "password", PASSWORD, "recoveryCode", recovery)).getStatus()).isEqualTo(200);
        assertThat(login(Map.of("login", login, "password", PASSWORD, "recoveryCode", recovery)).getStatus()).isEqualTo(401);
    }

    @Test
    void repeatedFailuresLockTheAccountUntilAnAdministratorUnlocksIt() throws Exception {
        String facility = facility();
        String login = activated(facility, Profession.CLERK, false);
        for (int i = 0; i < 5; i++) {
            assertThat(login(Map.of("login", login, "password", "Wrong-password-" + i)).getStatus()).isEqualTo(401);
        }
        MockHttpServletResponse locked = login(Map.of("login", login, "password", PASSWORD));
        assertThat(locked.getStatus()).isEqualTo(401);
        assertThat(body(locked).path("detail").asText()).contains("locked");
        assertThat(status(login)).isEqualTo("LOCKED");

        String admin = adminToken(facility);
        String personId = jdbc.sql("SELECT id::text FROM hub.person WHERE login = ?").param(login).query(String.class).single();
        assertThat(call(post("/api/admin/facilities/" + facility + "/people/" + personId + "/unlock"), admin).getStatus())
                .isEqualTo(200);
        assertThat(login(Map.of("login", login, "password", PASSWORD)).getStatus()).isEqualTo(200);
    }

    @Test
    void oneAccountPerPersonLoginAndEmailAreUniqueIgnoringCase() throws Exception {
        String facility = facility();
        String admin = adminToken(facility);
        String login = "dup" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> invitation = Map.of("login", login, "email", login + "@example.jp",
                "displayName", "重複 太郎", "profession", "NURSE");
        assertThat(invite(facility, admin, invitation).getStatus()).isEqualTo(201);
        long people = countPeople();

        MockHttpServletResponse sameLogin = invite(facility, admin, Map.of("login", login.toUpperCase(),
                "email", "other-" + login + "@example.jp", "displayName", "別人", "profession", "NURSE"));
        MockHttpServletResponse sameEmail = invite(facility, admin, Map.of("login", "other" + login,
                "email", login.toUpperCase() + "@EXAMPLE.JP", "displayName", "別人", "profession", "NURSE"));

        assertThat(sameLogin.getStatus()).isEqualTo(409);
        assertThat(body(sameLogin).path("detail").asText()).contains("exactly one account");
        assertThat(sameEmail.getStatus()).isEqualTo(409);
        assertThat(countPeople()).isEqualTo(people);
    }

    @Test
    void badInvitationsAreRefusedPerFieldAndSaveNothing() throws Exception {
        String facility = facility();
        String admin = adminToken(facility);
        long people = countPeople();

        MockHttpServletResponse missing = invite(facility, admin, Map.of("login", "x y", "profession", "NURSE"));
        MockHttpServletResponse wrongType = invite(facility, admin, Map.of("login", "ok-login", "email", "a@b.jp",
                "displayName", "名前", "profession", "ASTRONAUT"));

        assertThat(missing.getStatus()).isEqualTo(400);
        assertThat(body(missing).path("errors").fieldNames()).toIterable().contains("login", "email", "displayName");
        assertThat(wrongType.getStatus()).isEqualTo(400);
        assertThat(body(wrongType).path("errors").path("profession").asText()).contains("ASTRONAUT");
        assertThat(countPeople()).isEqualTo(people);
    }

    @Test
    void weakFirstPasswordIsRefusedAndTheAccountStaysInvited() throws Exception {
        var invited = accounts.invite(facility(), invitation(Profession.CLERK, false), HUB_ADMIN);
        MockHttpServletResponse response = mvc.perform(post("/api/auth/activate").contentType(MediaType.APPLICATION_JSON)
                .content(json(Map.of("login", invited.person().login(), "activationCode", invited.activationCode(),
                        "password", "short1")))).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(body(response).path("errors").path("password").asText()).contains("at least 12");
        assertThat(status(invited.person().login())).isEqualTo("INVITED");
    }

    @Test
    void passwordsOlderThanNinetyDaysGetARotationReminder() throws Exception {
        String login = activated(facility(), Profession.CARE_MANAGER, false);
        jdbc.sql("UPDATE hub.person SET password_changed_at = now() - interval '91 days' WHERE login = ?").param(login).update();

        JsonNode session = body(login(Map.of("login", login, "password", PASSWORD)));

        assertThat(session.path("passwordRotationDue").asBoolean()).isTrue();
    }

    @Test
    void aClerkCannotUseFacilityAdministrationAndAnAdminOnlyTheirOwnFacility() throws Exception {
        String facility = facility();
        String other = facility();
        String clerk = token(activated(facility, Profession.CLERK, false));
        String admin = adminToken(facility);

        assertThat(call(get("/api/admin/facilities/" + facility + "/people"), clerk).getStatus()).isEqualTo(403);
        assertThat(call(get("/api/admin/facilities/" + facility + "/people"), admin).getStatus()).isEqualTo(200);
        MockHttpServletResponse foreign = call(get("/api/admin/facilities/" + other + "/people"), admin);
        assertThat(foreign.getStatus()).isEqualTo(403);
        assertThat(body(foreign).path("detail").asText()).contains("FACILITY_ADMIN of facility " + other);
        assertThat(mvc.perform(get("/api/me")).andReturn().getResponse().getStatus()).isEqualTo(401);
    }

    @Test
    void suspendingAFacilityEndsTheAccessOfItsPeopleAtTheNextRequest() throws Exception {
        String facility = facility();
        String login = activated(facility, Profession.CLERK, false);
        String token = token(login);
        assertThat(call(get("/api/me"), token).getStatus()).isEqualTo(200);

        facilities.changeStatus(facility, FacilityStatus.SUSPENDED, "contract lapsed", "test");

        assertThat(call(get("/api/me"), token).getStatus()).isEqualTo(401);
        MockHttpServletResponse again = login(Map.of("login", login, "password", PASSWORD));
        assertThat(again.getStatus()).isEqualTo(403);
        assertThat(body(again).path("detail").asText()).contains("not active");
    }

    @Test
    void everyLoginAttemptAndRefusalIsInTheAuditTrail() throws Exception {
        String facility = facility();
        String login = activated(facility, Profession.CLERK, false);
        String personId = jdbc.sql("SELECT id::text FROM hub.person WHERE login = ?").param(login).query(String.class).single();
        login(Map.of("login", login, "password", "Wrong-password-1"));
        String clerk = token(login);
        call(get("/api/admin/facilities/" + facility + "/people"), clerk);

        List<String> trail = jdbc.sql("""
                SELECT action || ' ' || outcome || ' ' || coalesce(detail, '') FROM hub.audit_event
                WHERE actor_id = ? ORDER BY seq""").param(personId).query(String.class).list();
        assertThat(trail).anySatisfy(e -> assertThat(e).startsWith("AUTHENTICATE UNAUTHENTICATED wrong password"));
        assertThat(trail).anySatisfy(e -> assertThat(e).startsWith("AUTHENTICATE SUCCESS logged in"));
        assertThat(trail).anySatisfy(e -> assertThat(e).startsWith("READ DENIED requires FACILITY_ADMIN of facility " + facility));
    }

    @Test
    void aFacilityAdministratorCannotCreateHubAdministrators() throws Exception {
        String facility = facility();
        String admin = adminToken(facility);

        MockHttpServletResponse response = invite(facility, admin, Map.of("login", "escalate" + UUID.randomUUID().toString()
                .substring(0, 6), "email", UUID.randomUUID() + "@example.jp", "displayName", "昇格 試行", "profession", "HUB_ADMIN"));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(body(response).path("detail").asText()).contains("Only hub administrators");
        // and even a hub administrator cannot put one into an ordinary facility
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> accounts.invite(facility,
                invitation(Profession.HUB_ADMIN, false), HUB_ADMIN)).hasMessageContaining("hub operator's facility only");
    }

    @Test
    void administratorsByMembershipNeedTwoFactorToo() throws Exception {
        String login = activated(facility(), Profession.CLERK, true);

        MockHttpServletResponse response = login(Map.of("login", login, "password", PASSWORD));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(body(response).has("enrolmentToken")).isTrue();
    }

    @Test
    void aSessionAloneCannotMoveTheSecondFactorButAnAdministratorCanResetIt() throws Exception {
        String facility = facility();
        String login = activated(facility, Profession.NURSE, false);
        String secret = enrolledAuthenticator(login);
        String session = body(login(Map.of("login", login, "password", PASSWORD, "totp", code(secret, 0)))).path("token").asText();

        assertThat(call(post("/api/auth/totp/enrol"), session).getStatus()).isEqualTo(409);

        String personId = jdbc.sql("SELECT id::text FROM hub.person WHERE login = ?").param(login).query(String.class).single();
        assertThat(call(post("/api/admin/facilities/" + facility + "/people/" + personId + "/two-factor/reset"),
                adminToken(facility)).getStatus()).isEqualTo(200);
        assertThat(call(get("/api/me"), session).getStatus()).as("sessions end with the reset").isEqualTo(401);
        assertThat(login(Map.of("login", login, "password", PASSWORD)).getStatus()).as("enrol again").isEqualTo(403);
    }

    @Test
    void leavingOneFacilityKeepsTheAccountForTheOther() throws Exception {
        String first = facility();
        String second = facility();
        String login = activated(first, Profession.CLERK, false);
        String personId = jdbc.sql("SELECT id::text FROM hub.person WHERE login = ?").param(login).query(String.class).single();
        accounts.addMember(second, personId, false, HUB_ADMIN);

        call(post("/api/admin/facilities/" + first + "/people/" + personId + "/retire"), adminToken(first));

        assertThat(status(login)).isEqualTo("ACTIVE");
        assertThat(login(Map.of("login", login, "password", PASSWORD, "facilityId", first)).getStatus()).isEqualTo(403);
        assertThat(login(Map.of("login", login, "password", PASSWORD, "facilityId", second)).getStatus()).isEqualTo(200);
    }

    // --- helpers: a facility ID, people created through the real invitation and activation path ---

    String facility() {
        return TestFacilities.active(facilities);
    }

    String activated(String facility, Profession profession, boolean admin) throws Exception {
        var invited = accounts.invite(facility, invitation(profession, admin), HUB_ADMIN);
        MockHttpServletResponse response = mvc.perform(post("/api/auth/activate").contentType(MediaType.APPLICATION_JSON)
                .content(json(Map.of("login", invited.person().login(), "activationCode", invited.activationCode(),
                        "password", PASSWORD)))).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(204);
        return invited.person().login();
    }

    /** A facility administrator with an enrolled authenticator, logged in. */
    String adminToken(String facility) throws Exception {
        String login = activated(facility, Profession.FACILITY_ADMIN, true);
        String secret = enrolledAuthenticator(login);
        return body(login(Map.of("login", login, "password", PASSWORD, "totp", code(secret, 0)))).path("token").asText();
    }

    /** Enrols an authenticator for {@code login} (password {@link #PASSWORD}) and returns its secret. */
    String enrolledAuthenticator(String login) throws Exception {
        String enrolment = body(login(Map.of("login", login, "password", PASSWORD))).path("enrolmentToken").asText();
        String secret = body(call(post("/api/auth/totp/enrol"), enrolment)).path("secret").asText();
        call(post("/api/auth/totp/confirm").contentType(MediaType.APPLICATION_JSON)
                .content(json(Map.of("code", code(secret, -30)))), enrolment);
        return secret;
    }

    String token(String login) throws Exception {
        return body(login(Map.of("login", login, "password", PASSWORD))).path("token").asText();
    }

    static PersonInvitation invitation(Profession profession, boolean admin) {
        String login = profession.name().toLowerCase().replace('_', '.') + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new PersonInvitation(login, login + "@example.jp", "連携 花子", "レンケイ ハナコ", profession, admin);
    }

    String code(String secret, int offsetSeconds) {
        return totp.codeAt(secret, Instant.now().plusSeconds(offsetSeconds));
    }

    MockHttpServletResponse login(Map<String, String> request) throws Exception {
        return mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON).content(json(request)))
                .andReturn().getResponse();
    }

    MockHttpServletResponse invite(String facility, String token, Map<String, Object> invitation) throws Exception {
        return call(post("/api/admin/facilities/" + facility + "/people").contentType(MediaType.APPLICATION_JSON)
                .content(json(invitation)), token);
    }

    MockHttpServletResponse call(MockHttpServletRequestBuilder request, String token) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + token)).andReturn().getResponse();
    }

    JsonNode body(MockHttpServletResponse response) throws Exception {
        return json.readTree(response.getContentAsByteArray());
    }

    String json(Object value) throws Exception {
        return json.writeValueAsString(value);
    }

    String status(String login) {
        return jdbc.sql("SELECT status FROM hub.person WHERE login = ?").param(login).query(String.class).single();
    }

    long countPeople() {
        return jdbc.sql("SELECT count(*) FROM hub.person").query(Long.class).single();
    }

}
