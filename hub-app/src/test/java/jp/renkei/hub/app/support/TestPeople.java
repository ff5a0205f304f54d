package jp.renkei.hub.app.support;

import java.time.Instant;
import java.util.UUID;

import jp.renkei.hub.core.auth.AccountCredentials;
import jp.renkei.hub.core.auth.LoginRequest;
import jp.renkei.hub.core.auth.LoginResult;
import jp.renkei.hub.core.auth.LoginService;
import jp.renkei.hub.core.auth.TotpCodes;
import jp.renkei.hub.core.auth.TwoFactorEnrolment;
import jp.renkei.hub.core.person.PersonAccounts;
import jp.renkei.hub.core.person.PersonInvitation;
import jp.renkei.hub.core.person.Profession;
import org.springframework.context.ApplicationContext;

/**
 * People for integration tests, made through the same services a facility administrator and the person
 * use: invitation, activation, two-factor enrolment where the profession needs it, login.
 */
public final class TestPeople {

    public static final String PASSWORD = "Kibitan-kenko-2026";

    private TestPeople() {
    }

    /** The registry ID of the demo hospital (福島中央総合病院), registered by the demo loader. */
    public static String demoFacilityId(ApplicationContext context, jp.renkei.hub.app.demo.DemoFacility demo) {
        return context.getBean(jp.renkei.hub.core.facility.FacilityRegistry.class).list(null, null, null).stream()
                .filter(f -> f.medicalInstitutionCode() != null && f.medicalInstitutionCode().value().equals(demo.code()))
                .findFirst().orElseThrow().id();
    }

    /**
     * A person as the portal tests need them: login, and the authenticator secret when enrolled.
     *
     * @param totpSecret {@code null} when the person has no authenticator
     */
    public record Person(String id, String login, String totpSecret) {
    }

    /**
     * A new, activated person of {@code profession} in the facility; with {@code enrol}, their authenticator is
     * enrolled (confirmed with the previous step's code, so the current code is still good for a login).
     */
    public static Person person(ApplicationContext context, String facilityId, Profession profession, boolean admin,
                                boolean enrol) {
        String login = profession.name().toLowerCase().replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
        var invited = context.getBean(PersonAccounts.class).invite(facilityId,
                new PersonInvitation(login, login + "@example.jp", "試験 利用者", "シケン リヨウシャ", profession, admin),
                new jp.renkei.hub.core.security.HubPrincipal(jp.renkei.hub.core.security.HubPrincipal.Kind.PERSON,
                        "integration-test", "試験", null, java.util.Set.of(jp.renkei.hub.core.security.HubRole.HUB_ADMIN)));
        context.getBean(AccountCredentials.class).activate(login, invited.activationCode(), PASSWORD);
        String secret = null;
        if (enrol) {
            TwoFactorEnrolment enrolment = context.getBean(TwoFactorEnrolment.class);
            secret = enrolment.start(invited.person().id()).secret();
            enrolment.confirm(invited.person().id(),
                    context.getBean(TotpCodes.class).codeAt(secret, Instant.now().minusSeconds(30)));
        }
        return new Person(invited.person().id(), login, secret);
    }

    /** @return the bearer token of a fresh session of a new person of {@code profession} in the facility */
    public static String loggedIn(ApplicationContext context, String facilityId, Profession profession, boolean admin) {
        Person person = person(context, facilityId, profession, admin, profession.requiresTwoFactor() || admin);
        String login = person.login();
        String code = person.totpSecret() == null ? null
                : context.getBean(TotpCodes.class).codeAt(person.totpSecret(), Instant.now());
        LoginResult result = context.getBean(LoginService.class)
                .login(new LoginRequest(login, PASSWORD, code, null, facilityId), "127.0.0.1");
        if (!(result instanceof LoginResult.Success success)) {
            throw new IllegalStateException("Test login failed: " + result);
        }
        return success.token();
    }
}
