package jp.renkei.hub.core.security;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses REST API requests whose declared body is larger than the limit (413 problem+json) before anything
 * reads them. Bodies sent without a length (chunked) are refused too: the API's JSON documents are small.
 * FHIR and DICOM uploads have their own limits. Consent requests may carry a scanned form (5 MB as base64)
 * and have their own, larger limit; so do care-net requests (scanned forms, photos).
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    static final String CONSENT_PATH = "/api/consents";
    /** Care-net rooms are applied for with a scanned form, and posts carry photos (5 MB each as base64). */
    static final String CARE_NET_PATH = "/api/care-net";

    private final long maxBytes;
    private final long consentMaxBytes;
    private final ObjectMapper json;

    public RequestSizeLimitFilter(long maxBytes, long consentMaxBytes, ObjectMapper json) {
        this.maxBytes = maxBytes;
        this.consentMaxBytes = consentMaxBytes;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        String path = request.getRequestURI();
        boolean consent = path.equals(CONSENT_PATH) || path.startsWith(CONSENT_PATH + "/")
                || path.startsWith(CARE_NET_PATH + "/");
        long maxBytes = consent ? Math.max(this.maxBytes, consentMaxBytes) : this.maxBytes;
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length > maxBytes || chunked) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                    "Request body " + (chunked ? "without Content-Length" : "of " + length + " bytes")
                            + " refused: the API accepts at most " + maxBytes + " bytes");
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(request, response);
    }
}
