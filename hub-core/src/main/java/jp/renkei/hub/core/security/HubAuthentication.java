package jp.renkei.hub.core.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated as a {@link HubPrincipal}; its authorities are the principal's roles. */
public final class HubAuthentication extends AbstractAuthenticationToken {

    private final HubPrincipal principal;

    public HubAuthentication(HubPrincipal principal) {
        super(principal.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
        this.principal = principal;
        setAuthenticated(true);
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
