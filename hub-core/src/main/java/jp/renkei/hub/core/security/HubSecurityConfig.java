package jp.renkei.hub.core.security;

import java.io.IOException;
import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.auth.SessionStore;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.pki.DeviceCertificates;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The hub's HTTP security: people present a session bearer token, facility systems a client certificate;
 * no cookies, so no CSRF surface and no server-side HTTP session (the web portal, {@code /portal}, has its own
 * chain in hub-app with a session cookie and CSRF tokens; this chain never reads that cookie). Access rules:
 * {@link HubAccessRules}. Each authenticated request then gets its {@link Requester} (principal and purpose of use).
 * Refusals are answered as problem+json (401 not authenticated, 403 not allowed).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class HubSecurityConfig {

    /** The filter chain without Spring MVC's handler lookup before every request ({@link NoMvcLookupPerRequest}). */
    @Bean
    static BeanFactoryPostProcessor noMvcLookupPerRequest() {
        return new NoMvcLookupPerRequest();
    }

    /**
     * No Micrometer observation around each of Spring Security's filters and decisions: with the metrics on, every
     * request paid for about twenty observations nobody reads (the hub's own meters count requests per interface,
     * Spring MVC's {@code http_server_requests} stays).
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain hubSecurityFilterChain(HttpSecurity http, SessionStore sessions, Clock clock,
                                               DeviceCertificates devices, FacilityRegistry facilities,
                                               ObjectMapper json) throws Exception {
        http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                // a system's certificate first; a person's bearer token only when no certificate authenticated
                .addFilterBefore(new ClientCertificateFilter(devices, facilities), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new BearerSessionFilter(sessions, facilities, clock), ClientCertificateFilter.class)
                // then who asks and why, for every access decision behind the rules
                .addFilterAfter(new RequesterFilter(json), BearerSessionFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) ->
                                problem(json, request, response, HttpStatus.UNAUTHORIZED,
                                        "Authentication required: log in (POST /api/auth/login) and send the bearer token,"
                                                + " or connect with a facility system certificate"))
                        .accessDeniedHandler((request, response, ex) ->
                                problem(json, request, response, HttpStatus.FORBIDDEN,
                                        "Not allowed: " + reason(request))))
                .authorizeHttpRequests(HubAccessRules::declare);
        return http.build();
    }

    private static String reason(HttpServletRequest request) {
        Object reason = request.getAttribute(RequestAttributes.DENIAL_REASON);
        return reason == null ? "no rule grants this request" : reason.toString();
    }

    private static void problem(ObjectMapper json, HttpServletRequest request, HttpServletResponse response,
                                HttpStatus status, String detail) throws IOException {
        if (status == HttpStatus.UNAUTHORIZED) {
            if (request.getAttribute(RequestAttributes.DENIAL_REASON) == null) {
                request.setAttribute(RequestAttributes.DENIAL_REASON, "not authenticated");
            }
            response.setHeader("WWW-Authenticate", "Bearer realm=\"renkei-hub\"");
        }
        ProblemResponses.write(json, request, response, status, detail);
    }
}
