package jp.renkei.hub.app.portal;

import java.util.Arrays;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.core.auth.SessionStore;

import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.security.RequestAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The portal's session cookie: the server-side session token of {@code SessionStore}, {@code Secure},
 * {@code HttpOnly}, {@code SameSite=Strict}, host-only ({@code __Host-} prefix, path {@code /}); no
 * {@code Max-Age}, so it ends with the browser, and the server ends it sooner (idle timeout, logout).
 */
public final class PortalCookies {

    /** The key of a pending login (PendingLogins) while the person enrols their authenticator. */
    public static final String ENROLMENT_COOKIE = "__Host-renkei-enrolment";

    private PortalCookies() {
    }

    public static void setSession(HttpServletResponse response, String token) {
        response.addHeader(HttpHeaders.SET_COOKIE, base(token).build().toString());
    }

    public static void clearSession(HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, base("").maxAge(0).build().toString());
    }

    /**
     * A new session in place of the browser's current one (ended, if any); the CSRF token is dropped, so nothing
     * issued before the login survives it.
     */
    public static void startSession(SessionStore sessions, HttpServletRequest request, HttpServletResponse response,
                                    String token) {
        RequestAttributes.sessionCookie(request).ifPresent(sessions::end);
        setSession(response, token);
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(PortalSecurityConfig.CSRF_COOKIE, "")
                .path("/").secure(true).httpOnly(true).sameSite("Strict").maxAge(0).build().toString());
    }

    /** Keeps the pending login's key while the person enrols (no longer than the pending login lives). */
    public static void setEnrolment(HttpServletResponse response, String pendingKey) {
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(ENROLMENT_COOKIE, pendingKey).path("/")
                .secure(true).httpOnly(true).sameSite("Strict").maxAge(PendingLogins.VALIDITY).build().toString());
    }

    public static void clearEnrolment(HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(ENROLMENT_COOKIE, "").path("/")
                .secure(true).httpOnly(true).sameSite("Strict").maxAge(0).build().toString());
    }

    /** The pending login's key of an enrolment in this browser, if any. */
    public static Optional<String> enrolment(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies).filter(c -> c.getName().equals(ENROLMENT_COOKIE)).map(Cookie::getValue)
                .filter(v -> !v.isBlank()).findFirst();
    }

    private static ResponseCookie.ResponseCookieBuilder base(String value) {
        return ResponseCookie.from(RequestAttributes.SESSION_COOKIE, value)
                .path("/").secure(true).httpOnly(true).sameSite("Strict");
    }
}
