package jp.renkei.hub.core.auth;

import java.time.Instant;
import java.util.Set;

import jp.renkei.hub.core.security.HubRole;

/** What a login attempt gives the client. Failures carry no detail the caller could use to probe accounts. */
public sealed interface LoginResult {

    /** Logged in: a bearer token for the acting facility. */
    record Success(String token, Instant expiresAt, String personId, String facilityId, Set<HubRole> roles,
                   boolean passwordRotationDue) implements LoginResult {
    }

    /** Password right, but this person has enrolled an authenticator: send the code too. */
    record TotpRequired() implements LoginResult {
    }

    /** Password right, two-factor required but not set up yet: a short token good only for enrolment. */
    record TotpEnrolmentRequired(String enrolmentToken, Instant expiresAt) implements LoginResult {
    }

    /** The facility to act for must be chosen (only after the credentials were right). */
    record FacilityChoiceRequired(Set<String> facilityIds) implements LoginResult {
    }

    record Failed(boolean locked) implements LoginResult {
    }
}
