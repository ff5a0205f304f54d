package jp.renkei.hub.core.security;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.auth.SessionStore;
import jp.renkei.hub.core.facility.FacilityRegistry;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a person by the bearer token of their session. An unknown, expired or ended token leaves the
 * request unauthenticated (the access rules then answer 401); it is never an error page of its own.
 */
public class BearerSessionFilter extends OncePerRequestFilter {

    private final SessionStore sessions;
    private final FacilityRegistry facilities;
    private final Clock clock;

    public BearerSessionFilter(SessionStore sessions, FacilityRegistry facilities, Clock clock) {
        this.sessions = sessions;
        this.facilities = facilities;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() == null) {
            RequestAttributes.bearerToken(request).ifPresent(token -> {
                var session = sessions.resolve(token, clock.instant());
                if (session.isPresent() && session.get().scope() == SessionStore.Scope.FULL
                        && !facilities.isActive(session.get().facilityId())) {
                    request.setAttribute(RequestAttributes.DENIAL_REASON,
                            "facility " + session.get().facilityId() + " is not active in the network");
                } else if (session.isPresent()) {
                    var s = session.get();
                    HubPrincipal principal = new HubPrincipal(HubPrincipal.Kind.PERSON, s.personId(), s.displayName(),
                            s.facilityId(), s.roles());
                    HubAuthentication authentication = s.scope() == SessionStore.Scope.FULL
                            ? new HubAuthentication(principal)
                            : HubAuthentication.enrolmentOnly(principal);
                    SecurityContextHolder.getContext().setAuthentication(authentication);
                    request.setAttribute(RequestAttributes.PRINCIPAL, principal);
                } else {
                    request.setAttribute(RequestAttributes.DENIAL_REASON, "unknown, expired or ended session token");
                }
            });
        }
        chain.doFilter(request, response);
    }
}
