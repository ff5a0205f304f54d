package jp.renkei.hub.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
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
    private final TwoFactorEnrolment enrolment;
    private final AuditTrail audit;
    private final AuthProperties properties;
    private final Clock clock;
    private final String timingEqualiserHash;

    public LoginService(PersonStore people, FacilityRegistry facilities, SessionStore sessions, PasswordEncoder passwords, TotpCodes totp,
                        TwoFactorEnrolment enrolment, AuditTrail audit, AuthProperties properties, Clock clock) {
        this.people = people;
        this.facilities = facilities;
        this.sessions = sessions;
        this.passwords = passwords;
        this.totp = totp;
        this.enrolment = enrolment;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        // Unknown logins still pay for one hash, so response time does not reveal which logins exist.
        this.timingEqualiserHash = passwords.encode("timing-equaliser-" + System.nanoTime());
    }

    /** How long a {@link FirstFactor} stands in for the password between the steps of a login. */
    public static final Duration FIRST_FACTOR_VALIDITY = Duration.ofMinutes(5);

    /**
     * Proof, inside this hub process, that a person's password was right a moment ago: what a login in several
     * steps (the portal's password page, then its code or facility page) keeps between them instead of the
     * password itself. Only this service makes one, for a login whose password was right but that still needs a
     * second factor, a two-factor enrolment or a facility; it is good for {@link #FIRST_FACTOR_VALIDITY}. After
     * {@link #confirmEnrolment} it vouches for the second factor as well (the enrolment's first code was it).
     */
    public static final class FirstFactor {
        private final String login;
        private final Instant verifiedAt;
        private final boolean secondFactor;

        private FirstFactor(String login, Instant verifiedAt, boolean secondFactor) {
            this.login = login;
            this.verifiedAt = verifiedAt;
            this.secondFactor = secondFactor;
        }

        public String login() {
            return login;
        }
    }

    /** A login step's result, with the proof of the password when the login goes on to another step. */
    public record Step(LoginResult result, Optional<FirstFactor> firstFactor) {
    }

    /** {@link #login}, for callers that log in over several steps and keep the proof, never the password. */
    @Transactional
    public Step loginStep(LoginRequest request, String sourceIp) {
        LoginResult result = login(request, sourceIp, null);
        boolean passwordRight = result instanceof LoginResult.TotpRequired
                || result instanceof LoginResult.TotpEnrolmentRequired
                || result instanceof LoginResult.FacilityChoiceRequired;
        return new Step(result, passwordRight
                ? Optional.of(new FirstFactor(request.login(), clock.instant(), false)) : Optional.empty());
    }

    /**
     * The end of a login that had to enrol an authenticator first ({@link LoginResult.TotpEnrolmentRequired}):
     * confirms the enrolment of {@code personId} with its first code ({@link TwoFactorEnrolment#confirm}), which
     * is this login's second factor, then goes on to the facility as {@link #continueLogin} does.
     *
     * @param proof    the proof of the password of the same login; {@code personId} must be its person
     * @param personId the person of the enrolment-only session that started the enrolment
     * @return the recovery codes (in clear text for the only time; empty when nothing was confirmed) and the step
     * @throws ApiException 400 when the code does not match the authenticator (the proof stays good), 409 when
     *                      no enrolment was started
     */
    @Transactional
    public Enrolled confirmEnrolment(FirstFactor proof, String personId, String code, String sourceIp) {
        var account = people.accountByLogin(proof.login());
        if (proof.verifiedAt.plus(FIRST_FACTOR_VALIDITY).isBefore(clock.instant())
                || account.isEmpty() || !account.get().person().id().equals(personId)) {
            record(proof.login(), null, Set.of(), AuditOutcome.UNAUTHENTICATED,
                    "enrolment step expired or of another person", sourceIp);
            return new Enrolled(List.of(), new Step(new LoginResult.Failed(false), Optional.empty()));
        }
        List<String> recoveryCodes = enrolment.confirm(personId, code);
        FirstFactor both = new FirstFactor(proof.login(), proof.verifiedAt, true);
        LoginResult result = login(new LoginRequest(proof.login(), null, null, null, null), sourceIp, both);
        return new Enrolled(recoveryCodes, new Step(result,
                result instanceof LoginResult.FacilityChoiceRequired ? Optional.of(both) : Optional.empty()));
    }

    /** A confirmed enrolment: the recovery codes to show once, and the login step it led to. */
    public record Enrolled(List<String> recoveryCodes, Step step) {
    }

    /**
     * The next step of a login whose password {@code proof} vouches for: the second factor and/or the facility.
     * Everything after the password is checked as in {@link #login} (status, lockout, code replay, audit).
     */
    @Transactional
    public Step continueLogin(FirstFactor proof, String totpCode, String recoveryCode, String facilityId,
                              String sourceIp) {
        if (proof.verifiedAt.plus(FIRST_FACTOR_VALIDITY).isBefore(clock.instant())) {
            record(proof.login(), null, Set.of(), AuditOutcome.UNAUTHENTICATED, "login step expired", sourceIp);
            return new Step(new LoginResult.Failed(false), Optional.empty());
        }
        LoginResult result = login(new LoginRequest(proof.login(), null, totpCode, recoveryCode, facilityId),
                sourceIp, proof);
        // A wrong code may be typed again (each failure counts towards the lockout, as with the API), until locked.
        boolean goesOn = result instanceof LoginResult.TotpRequired || result instanceof LoginResult.FacilityChoiceRequired
                || result instanceof LoginResult.Failed failed && !failed.locked();
        return new Step(result, goesOn ? Optional.of(proof) : Optional.empty());
    }

    @Transactional
    public LoginResult login(LoginRequest request, String sourceIp) {
        return login(request, sourceIp, null);
    }

    /** @param proof when not null, the password (and with its second factor, the code) was verified before */
    private LoginResult login(LoginRequest request, String sourceIp, FirstFactor proof) {
        boolean passwordVerified = proof != null;
        Instant now = clock.instant();
        var found = people.accountByLoginForUpdate(request.login());
        if (found.isEmpty()) {
            if (!passwordVerified) {
                passwords.matches(request.password(), timingEqualiserHash);
            }
            record(request.login(), null, Set.of(), AuditOutcome.UNAUTHENTICATED, "unknown login", sourceIp);
            return new LoginResult.Failed(false);
        }
        Account account = found.get();
        Person person = account.person();
        boolean passwordOk = passwordVerified
                || account.passwordHash() != null && passwords.matches(request.password(), account.passwordHash());
        if (person.status() != PersonStatus.ACTIVE) {
            record(person.id(), null, Set.of(), AuditOutcome.UNAUTHENTICATED, "account is " + person.status(), sourceIp);
            return new LoginResult.Failed(person.status() == PersonStatus.LOCKED && passwordOk);
        }
        if (!passwordOk) {
            return failure(account, "wrong password", sourceIp, now);
        }

        long totpStep = 0;
        if (account.totpSecret() != null && proof != null && proof.secondFactor) {
            totpStep = 0; // the enrolment's first code, already used (and recorded as the last step) by the enrolment
        } else if (account.totpSecret() != null) {
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
