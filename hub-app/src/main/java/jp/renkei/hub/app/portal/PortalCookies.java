package jp.renkei.hub.app.portal;

import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.security.RequestAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The portal's session cookie: the server-side session token of {@code SessionStore}, {@code Secure},
 * {@code HttpOnly}, {@code SameSite=Strict}, host-only ({@code __Host-} prefix, path {@code /}); no
 * {@code Max-Age}, so it ends with the browser, and the server ends it sooner (idle timeout, logout).
 */
final class PortalCookies {

    private PortalCookies() {
    }

    static void setSession(HttpServletResponse response, String token) {
        response.addHeader(HttpHeaders.SET_COOKIE, base(token).build().toString());
    }

    static void clearSession(HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, base("").maxAge(0).build().toString());
    }

    private static ResponseCookie.ResponseCookieBuilder base(String value) {
        return ResponseCookie.from(RequestAttributes.SESSION_COOKIE, value)
                .path("/").secure(true).httpOnly(true).sameSite("Strict");
    }
}
