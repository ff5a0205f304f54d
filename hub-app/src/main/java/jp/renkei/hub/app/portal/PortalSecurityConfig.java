package jp.renkei.hub.app.portal;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.auth.SessionStore;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.security.BearerSessionFilter;
import jp.renkei.hub.core.security.HubAccessRules;
import jp.renkei.hub.core.security.RequestAttributes;
import jp.renkei.hub.core.security.RequesterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The portal's own filter chain, ahead of the API's ({@code HubSecurityConfig}), for {@code /} and
 * {@code /portal/**} only. A person is authenticated by the session cookie ({@link PortalCookies}), never by a
 * bearer header or a client certificate (facility systems do not use the portal); the API's chain never reads
 * the cookie, so only this chain needs CSRF protection: a double-submit token (its cookie {@value #CSRF_COOKIE},
 * {@code HttpOnly}, {@code SameSite=Strict}) on every form. The same access rules ({@link HubAccessRules}) decide.
 * Every answer carries a strict Content-Security-Policy, {@code Cache-Control: no-store},
 * {@code X-Frame-Options: DENY} and {@code Referrer-Policy: no-referrer} (a patient page's URL names its event
 * number).
 */
@Configuration(proxyBeanMethods = false)
public class PortalSecurityConfig {

    static final String CSRF_COOKIE = "__Host-renkei-csrf";
    /** What this chain serves: the start page and the portal. */
    static final RequestMatcher PORTAL_PATHS = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/"),
            PathPatternRequestMatcher.withDefaults().matcher("/portal/**"));
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain portalSecurityFilterChain(HttpSecurity http, SessionStore sessions, FacilityRegistry facilities,
                                                  Clock clock, ObjectMapper json, ITemplateEngine templates,
                                                  LocaleResolver locales)
            throws Exception {
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieName(CSRF_COOKIE);
        csrfTokens.setCookiePath("/");
        csrfTokens.setCookieCustomizer(c -> c.secure(true).httpOnly(true).sameSite("Strict"));
        http
                // path patterns, not Spring MVC's matcher: every request of every chain is tried against this one
                .securityMatcher(PORTAL_PATHS)
                // the session cookie authenticates every request anew (nothing is kept between requests), so
                // Spring's "new authentication" CSRF rotation would clear the token on every page, style sheet
                // and script load and refuse the form the person is looking at; login renews the token itself
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .addFilterBefore(new BearerSessionFilter(sessions, facilities, clock, RequestAttributes::sessionCookie),
                        AnonymousAuthenticationFilter.class)
                .addFilterAfter(new RequesterFilter(json), BearerSessionFilter.class)
                .addFilterAfter(new CsrfTokenLoader(), CsrfFilter.class)
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(f -> f.deny()))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> toLogin(request, response))
                        .accessDeniedHandler((request, response, ex) -> denied(templates, locales, request, response, ex)))
                .authorizeHttpRequests(HubAccessRules::declare);
        return http.build();
    }

    /**
     * Not logged in: to the login page; with a session cookie that no longer resolves (idle timeout, logout
     * elsewhere, locked account), with the notice that the session has ended.
     */
    private static void toLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean ended = RequestAttributes.sessionCookie(request).isPresent();
        if (ended) {
            PortalCookies.clearSession(response);
        }
        response.sendRedirect(request.getContextPath() + "/portal/login" + (ended ? "?expired" : ""));
    }

    /** A refusal as a Japanese page: a missing or stale form token, or a page the person's role does not open. */
    private static void denied(ITemplateEngine templates, LocaleResolver locales, HttpServletRequest request,
                               HttpServletResponse response, AccessDeniedException ex) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/html;charset=UTF-8");
        WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
                .buildExchange(request, response), locales.resolveLocale(request),
                Map.of("reason", ex instanceof CsrfException ? "csrf" : "role"));
        templates.process("portal/denied", context, response.getWriter());
    }

    /**
     * Makes the CSRF token (and its cookie) on every portal request, before the page is written: a deferred token
     * first asked for in the middle of a long page could no longer set its cookie.
     */
    static final class CsrfTokenLoader extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
