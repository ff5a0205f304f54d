package jp.renkei.hub.core.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.Membership;
import jp.renkei.hub.core.person.Person;
import jp.renkei.hub.core.person.PersonStatus;
import jp.renkei.hub.core.person.PersonStore;
import jp.renkei.hub.core.person.PersonStore.Account;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Logs people in: password, then the second factor (TOTP or a recovery code) where the person has one or
 * must have one, then a session for one facility they belong to. Consecutive failures lock the account.
 * Every attempt is audited with its precise reason; the caller only learns "failed" (no account probing).
 */
@Service
public class LoginService {

    private final PersonStore people;
    private final FacilityRegistry facilities;
    private final SessionStore sessions;
    private final PasswordEncoder passwords;
    private final TotpCodes totp;
    private final AuditTrail audit;
    private final AuthProperties properties;
    private final Clock clock;
    private final String timingEqualiserHash;

    public LoginService(PersonStore people, FacilityRegistry facilities, SessionStore sessions, PasswordEncoder passwords, TotpCodes totp,
                        AuditTrail audit, AuthProperties properties, Clock clock) {
        this.people = people;
        this.facilities = facilities;
        this.sessions = sessions;
        this.passwords = passwords;
        this.totp = totp;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        // Unknown logins still pay for one hash, so response time does not reveal which logins exist.
        this.timingEqualiserHash = passwords.encode("timing-equaliser-" + System.nanoTime());
    }

    @Transactional
    public LoginResult login(LoginRequest request, String sourceIp) {
        Instant now = clock.instant();
        var found = people.accountByLoginForUpdate(request.login());
        if (found.isEmpty()) {
            passwords.matches(request.password(), timingEqualiserHash);
            record(request.login(), null, Set.of(), AuditOutcome.UNAUTHENTICATED, "unknown login", sourceIp);
            return new LoginResult.Failed(false);
        }
        Account account = found.get();
        Person person = account.person();
        boolean passwordOk = account.passwordHash() != null && passwords.matches(request.password(), account.passwordHash());
        if (person.status() != PersonStatus.ACTIVE) {
            record(person.id(), null, Set.of(), AuditOutcome.UNAUTHENTICATED, "account is " + person.status(), sourceIp);
            return new LoginResult.Failed(person.status() == PersonStatus.LOCKED && passwordOk);
        }
        if (!passwordOk) {
            return failure(account, "wrong password", sourceIp, now);
        }

        long totpStep = 0;
        if (account.totpSecret() != null) {
            if (notBlank(request.recoveryCode())) {
                if (!people.useRecoveryCode(person.id(), SecretTokens.hash(request.recoveryCode()))) {
                    return failure(account, "invalid or used recovery code", sourceIp, now);
                }
            } else if (!notBlank(request.totp())) {
                record(person.id(), null, Set.of(), AuditOutcome.UNAUTHENTICATED, "password right, second factor missing", sourceIp);
                return new LoginResult.TotpRequired();
            } else {
                OptionalLong step = totp.verify(account.totpSecret(), request.totp().trim(), now, account.totpLastStep());
                if (step.isEmpty()) {
                    return failure(account, "invalid or reused TOTP code", sourceIp, now);
                }
                totpStep = step.getAsLong();
            }
        } else if (person.profession().requiresTwoFactor()
                || people.memberships(person.id()).stream().anyMatch(Membership::admin)) {
            people.recordSuccessfulLogin(person.id(), 0);
            String token = sessions.start(person.id(), null, Set.of(), SessionStore.Scope.TOTP_ENROLMENT, now);
            record(person.id(), null, Set.of(), AuditOutcome.UNAUTHENTICATED,
                    "password right, two-factor enrolment required before any access", sourceIp);
            return new LoginResult.TotpEnrolmentRequired(token, now.plusSeconds(600));
        }

        List<Membership> memberships = people.memberships(person.id());
        Membership acting = actingMembership(memberships, request.facilityId(), person, sourceIp);
        if (acting == null) {
            return new LoginResult.FacilityChoiceRequired(
                    memberships.stream().map(Membership::facilityId).collect(Collectors.toSet()));
        }
        Set<HubRole> roles = roles(person, acting, facilities.find(acting.facilityId())
                .map(f -> f.kind() == FacilityKind.HUB_OPERATOR).orElse(false));
        people.recordSuccessfulLogin(person.id(), totpStep);
        String token = sessions.start(person.id(), acting.facilityId(), roles, SessionStore.Scope.FULL, now);
        boolean rotationDue = person.passwordChangedAt() == null
                || person.passwordChangedAt().plus(properties.passwordMaxAge()).isBefore(now);
        record(person.id(), acting.facilityId(), roles, AuditOutcome.SUCCESS,
                "logged in" + (rotationDue ? "; password rotation due" : ""), sourceIp);
        return new LoginResult.Success(token, now.plus(properties.sessionMaxLifetime()), person.id(),
                acting.facilityId(), roles, rotationDue);
    }

    /**
     * The roles a person acts with in a facility: their profession's; FACILITY_ADMIN only where the
     * membership grants it; HUB_ADMIN only for hub administrators acting for the hub operator's facility.
     */
    public static Set<HubRole> roles(Person person, Membership membership, boolean operatorFacility) {
        Set<HubRole> roles = EnumSet.noneOf(HubRole.class);
        switch (person.profession()) {
            case FACILITY_ADMIN -> { }
            case HUB_ADMIN -> {
                if (operatorFacility) {
                    roles.add(HubRole.HUB_ADMIN);
                }
            }
            default -> roles.add(person.profession().role());
        }
        if (membership.admin()) {
            roles.add(HubRole.FACILITY_ADMIN);
        }
        return roles;
    }

    private Membership actingMembership(List<Membership> memberships, String requested, Person person, String sourceIp) {
        if (memberships.isEmpty()) {
            record(person.id(), null, Set.of(), AuditOutcome.DENIED, "belongs to no facility", sourceIp);
            throw new ApiException(HttpStatus.FORBIDDEN, "This account belongs to no facility; ask your facility administrator");
        }
        if (!notBlank(requested)) {
            if (memberships.size() > 1) {
                return null;
            }
            requested = memberships.get(0).facilityId();
        }
        String facilityId = requested;
        Membership membership = memberships.stream().filter(m -> m.facilityId().equals(facilityId)).findFirst()
                .orElseThrow(() -> {
                    record(person.id(), facilityId, Set.of(), AuditOutcome.DENIED, "not a member of the requested facility", sourceIp);
                    return new ApiException(HttpStatus.FORBIDDEN, "You are not a member of facility " + facilityId);
                });
        if (!facilities.isActive(facilityId)) {
            record(person.id(), facilityId, Set.of(), AuditOutcome.DENIED, "facility is not active", sourceIp);
            throw new ApiException(HttpStatus.FORBIDDEN, "Facility " + facilityId + " is not active in the network");
        }
        return membership;
    }

    private LoginResult failure(Account account, String reason, String sourceIp, Instant now) {
        int failures = account.failedLogins() + 1;
        boolean lock = failures >= properties.maxFailedLogins();
        people.recordFailedLogin(account.person().id(), failures, lock, now);
        if (lock) {
            sessions.endAllOf(account.person().id());
        }
        record(account.person().id(), null, Set.of(), AuditOutcome.UNAUTHENTICATED,
                reason + " (failure " + failures + " of " + properties.maxFailedLogins() + ")"
                        + (lock ? "; account locked" : ""), sourceIp);
        return new LoginResult.Failed(false);
    }

    private void record(String actor, String facilityId, Set<HubRole> roles, AuditOutcome outcome, String detail,
                        String sourceIp) {
        // The status the login endpoint answers with for this outcome (see AuthController).
        int status = switch (outcome) {
            case SUCCESS -> 200;
            case DENIED -> 403;
            default -> detail.contains("enrolment required") ? 403 : 401;
        };
        audit.record(new AuditEntry("PERSON", actor, facilityId,
                roles.stream().map(Enum::name).collect(Collectors.toSet()), null, AuditAction.AUTHENTICATE,
                "POST /api/auth/login", outcome, status, null, sourceIp, detail));
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
