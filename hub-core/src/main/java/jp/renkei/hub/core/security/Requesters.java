package jp.renkei.hub.core.security;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The {@link Requester} of an HTTP request, as {@link RequesterFilter} stored it once authentication was done.
 * Only authenticated requests have one.
 */
public final class Requesters {

    private Requesters() {
    }

    public static Optional<Requester> find(HttpServletRequest request) {
        return Optional.ofNullable((Requester) request.getAttribute(RequestAttributes.REQUESTER));
    }

    /** @throws IllegalStateException when the request is not authenticated */
    public static Requester current(HttpServletRequest request) {
        return find(request).orElseThrow(() -> new IllegalStateException(
                "no authenticated requester on " + request.getMethod() + " " + request.getRequestURI()));
    }

    /** The requester of the HTTP request this thread serves. */
    public static Requester current() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            throw new IllegalStateException("not serving an HTTP request");
        }
        return current(attributes.getRequest());
    }
}
