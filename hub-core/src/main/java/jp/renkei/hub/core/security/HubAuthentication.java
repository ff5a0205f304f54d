package jp.renkei.hub.core.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated as a {@link HubPrincipal}; its authorities are the principal's roles plus its
 * scope: {@link #FULL_SCOPE} for normal work, {@link #ENROLMENT_SCOPE} for a person who has given the right
 * password but must set up two-factor authentication before anything else.
 */
public final class HubAuthentication extends AbstractAuthenticationToken {

    public static final String FULL_SCOPE = "SCOPE_FULL";
    public static final String ENROLMENT_SCOPE = "SCOPE_TOTP_ENROLMENT";

    private final HubPrincipal principal;

    /** A fully authenticated principal (a person after both factors, or a facility system). */
    public HubAuthentication(HubPrincipal principal) {
        this(principal, FULL_SCOPE);
    }

    private HubAuthentication(HubPrincipal principal, String scope) {
        super(java.util.stream.Stream.concat(
                principal.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())),
                java.util.stream.Stream.of(new SimpleGrantedAuthority(scope))).toList());
        this.principal = principal;
        setAuthenticated(true);
    }

    /** A person who may only enrol their authenticator (no roles, no facility). */
    public static HubAuthentication enrolmentOnly(HubPrincipal principal) {
        return new HubAuthentication(principal, ENROLMENT_SCOPE);
    }

    public boolean fullScope() {
        return getAuthorities().stream().anyMatch(a -> FULL_SCOPE.equals(a.getAuthority()));
    }

    @Override
    public HubPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public Object getCredentials() {
        return "";
    }
}
