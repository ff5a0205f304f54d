package jp.renkei.hub.core.security;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.auth.SessionStore;
import jp.renkei.hub.core.facility.FacilityRegistry;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a person by the token of their session: the {@code Authorization: Bearer} header on the API, the
 * portal's session cookie ({@link RequestAttributes#SESSION_COOKIE}) in the portal's own filter chain. An unknown, expired or ended token leaves the
 * request unauthenticated (the access rules then answer 401); it is never an error page of its own.
 */
public class BearerSessionFilter extends OncePerRequestFilter {

    private final SessionStore sessions;
    private final FacilityRegistry facilities;
    private final Clock clock;
    private final Function<HttpServletRequest, Optional<String>> token;

    /** Reads the bearer token of the {@code Authorization} header (the API). */
    public BearerSessionFilter(SessionStore sessions, FacilityRegistry facilities, Clock clock) {
        this(sessions, facilities, clock, RequestAttributes::bearerToken);
    }

    /** Reads the session token where {@code token} finds it (the portal: its session cookie). */
    public BearerSessionFilter(SessionStore sessions, FacilityRegistry facilities, Clock clock,
                               Function<HttpServletRequest, Optional<String>> token) {
        this.sessions = sessions;
        this.facilities = facilities;
        this.clock = clock;
        this.token = token;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() == null) {
            token.apply(request).ifPresent(presented -> {
                var session = sessions.resolve(presented, clock.instant());
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
