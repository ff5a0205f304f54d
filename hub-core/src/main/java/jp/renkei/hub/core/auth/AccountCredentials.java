package jp.renkei.hub.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jp.renkei.hub.core.person.Person;
import jp.renkei.hub.core.person.PersonAccounts;
import jp.renkei.hub.core.person.PersonStatus;
import jp.renkei.hub.core.person.PersonStore;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Passwords and activation codes: setting the first password of an invited person, and changing it later. */
@Service
public class AccountCredentials implements PersonAccounts.Credentials {

    private final PersonStore people;
    private final SessionStore sessions;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final AuthProperties properties;
    private final Clock clock;

    public AccountCredentials(PersonStore people, SessionStore sessions, PasswordEncoder passwords,
                              PasswordPolicy policy, AuthProperties properties, Clock clock) {
        this.people = people;
        this.sessions = sessions;
        this.passwords = passwords;
        this.policy = policy;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String newActivationCode() {
        return SecretTokens.newCode(4);
    }

    @Override
    public String hashActivationCode(String code) {
        return SecretTokens.hash(code);
    }

    @Override
    public Duration activationValidity() {
        return properties.activationValidity();
    }

    @Override
    public void endSessionsOf(String personId) {
        sessions.endAllOf(personId);
    }

    /** An invited person sets their first password with the activation code they were given. */
    @Transactional
    public Person activate(String login, String activationCode, String newPassword) {
        Instant now = clock.instant();
        var account = people.accountByLoginForUpdate(login)
                .filter(a -> a.person().status() == PersonStatus.INVITED)
                .filter(a -> a.activationCodeHash() != null && a.activationCodeHash().equals(SecretTokens.hash(activationCode)))
                .filter(a -> a.activationExpiresAt() != null && a.activationExpiresAt().isAfter(now))
                .orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST,
                        "Invalid or expired activation code for this login"));
        policy.check(newPassword, login);
        people.activate(account.person().id(), passwords.encode(newPassword), now);
        return people.byId(account.person().id()).orElseThrow();
    }

    /** Changing the password ends every session of the person, this one included. */
    @Transactional
    public void changePassword(String personId, String currentPassword, String newPassword) {
        var account = people.accountById(personId).orElseThrow(() -> ApiException.notFound("Person " + personId));
        if (account.passwordHash() == null || !passwords.matches(currentPassword, account.passwordHash())) {
            throw ApiException.invalid("currentPassword", "is not the current password");
        }
        policy.check(newPassword, account.person().login());
        if (passwords.matches(newPassword, account.passwordHash())) {
            throw ApiException.invalid("newPassword", "must differ from the current password");
        }
        people.changePassword(personId, passwords.encode(newPassword), clock.instant());
        sessions.endAllOf(personId);
    }
}
