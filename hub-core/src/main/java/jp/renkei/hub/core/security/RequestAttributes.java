package jp.renkei.hub.core.security;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/** What the security filters learn about a request, handed to the audit filter through request attributes. */
public final class RequestAttributes {

    /** The authenticated {@link HubPrincipal}, once known. */
    public static final String PRINCIPAL = "renkei.principal";
    /** The {@link Requester} of an authenticated request (principal and purpose of use): see {@link Requesters}. */
    public static final String REQUESTER = "renkei.requester";
    /** Why a request was refused (authentication or authorization), for the audit record. */
    public static final String DENIAL_REASON = "renkei.denialReason";
    /** Set by endpoints that write their own, more precise audit record (login). */
    public static final String AUDITED = "renkei.audited";

    private RequestAttributes() {
    }

    public static String sourceIp(HttpServletRequest request) {
        return request.getRemoteAddr();
    }

    public static Optional<String> bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /**
     * The portal's session cookie: the same server-side session token as a bearer token, for browsers. Only the
     * portal's filter chain reads it; the API never does, so the API needs no CSRF protection.
     */
    public static final String SESSION_COOKIE = "__Host-renkei-session";

    /** The session token in the portal's session cookie, if the request carries one. */
    public static Optional<String> sessionCookie(HttpServletRequest request) {
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return java.util.Arrays.stream(cookies).filter(c -> SESSION_COOKIE.equals(c.getName()))
                .map(jakarta.servlet.http.Cookie::getValue).filter(v -> v != null && !v.isBlank()).findFirst();
    }

    public static Optional<HubPrincipal> principal(HttpServletRequest request) {
        return Optional.ofNullable((HubPrincipal) request.getAttribute(PRINCIPAL));
    }
}
