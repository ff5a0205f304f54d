package jp.renkei.hub.core.security;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one place an HTTP request's {@link Requester} is built: after authentication, from the principal and the
 * {@value PurposeOfUse#HEADER} header, stored for {@link Requesters}. A purpose the hub does not know is refused
 * with 400 before anything else is done, whoever sends it, so no request runs under a purpose nobody can audit;
 * the refusal reason goes to the audit record like every other.
 */
public class RequesterFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    public RequesterFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        PurposeOfUse purpose;
        try {
            purpose = PurposeOfUse.parse(request.getHeader(PurposeOfUse.HEADER));
        } catch (UnknownPurposeOfUseException e) {
            request.setAttribute(RequestAttributes.DENIAL_REASON, e.getMessage());
            ProblemResponses.write(json, request, response, HttpStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        RequestAttributes.principal(request)
                .ifPresent(principal -> request.setAttribute(RequestAttributes.REQUESTER, new Requester(principal, purpose)));
        chain.doFilter(request, response);
    }
}
