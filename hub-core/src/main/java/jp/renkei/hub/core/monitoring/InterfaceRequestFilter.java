package jp.renkei.hub.core.monitoring;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Times every HTTPS request, refusals included, as {@link HubMeters#REQUESTS} with the interface its path belongs
 * to ({@link HubInterface#ofPath}), the HTTP method (unknown methods as {@code other}: a client chooses them) and
 * the status class ({@code 2xx} … {@code 5xx}). Registered outermost, so the time includes authentication and the
 * audit record.
 */
public class InterfaceRequestFilter extends OncePerRequestFilter {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final HubMeters meters;

    public InterfaceRequestFilter(HubMeters meters) {
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            // an exception escaping every handler becomes a 500 in the container
            int status = failed ? 500 : response.getStatus();
            String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "other";
            meters.request(HubInterface.ofPath(request.getRequestURI().substring(request.getContextPath().length())),
                    method, (status / 100) + "xx", System.nanoTime() - started);
        }
    }
}
