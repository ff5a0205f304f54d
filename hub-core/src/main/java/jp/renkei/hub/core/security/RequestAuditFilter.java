package jp.renkei.hub.core.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every request in the audit trail: who (or anonymous), acting facility, roles, the patient concerned,
 * what was done, the purpose of use, how it ended and why it was refused. It runs outside Spring Security, so requests refused
 * there (401, 403) are recorded as well. The record is committed before the first byte of the response leaves
 * (see {@link AuditBeforeCommitResponse}: the commit overlaps the encoding of the answer, which is held back
 * meanwhile) and in its own transaction, so a failing request is recorded too and no answer is ever sent
 * unaudited. A request whose data transaction already committed its record with the same status
 * ({@link AuditWithData}) is not recorded twice. The request's {@link AuditAddenda} are written in the same
 * commit. Health probes are not data access and are not recorded.
 */
public class RequestAuditFilter extends OncePerRequestFilter {

    private static final Pattern PATIENT_PATH = Pattern.compile("^/fhir/Patient/([^/?$]+)");
    private static final Pattern FHIR_INSTANCE = Pattern.compile("^/fhir/[A-Z][A-Za-z]+/[^/$]+(/_history/[^/]+)?$");
    private static final Set<String> PATIENT_PARAMETERS = Set.of("patient", "subject", "patient:Patient", "subject:Patient");

    private final AuditTrail audit;

    public RequestAuditFilter(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AuditAddenda addenda = AuditAddenda.open(request);
        AuditBeforeCommitResponse audited = new AuditBeforeCommitResponse(response, () -> {
            int status = response.getStatus();
            List<AuditEntry> entries = new ArrayList<>();
            if (request.getAttribute(RequestAttributes.AUDITED) == null && !AuditWithData.recordedWith(request, status)) {
                entries.add(entry(request, status));
            }
            entries.addAll(addenda.takeForAnswer());
            if (entries.isEmpty()) {
                return null;
            }
            if (entries.size() == 1) {
                return audit.submit(entries.get(0)); // the common case: commit while the answer is encoded
            }
            List<Long> seqs = audit.recordAll(entries); // the request's record with its decisions, in one commit
            long last = seqs.get(seqs.size() - 1);
            return () -> last;
        });
        boolean completed = false;
        try {
            chain.doFilter(request, audited);
            completed = true;
        } finally {
            if (!completed && !response.isCommitted()) {
                response.setStatus(500); // the container will answer 500: record that, not the status so far
            }
            audited.finish(completed);
        }
    }

    private static final Pattern LINK_TOKEN_PATH = Pattern.compile("^/portal/q/[A-Za-z0-9_-]{40,}");

    static AuditEntry entry(HttpServletRequest request, int status) {
        var principal = RequestAttributes.principal(request);
        String path = withoutLinkToken(request.getRequestURI());
        Object reason = request.getAttribute(RequestAttributes.DENIAL_REASON);
        return new AuditEntry(
                principal.map(p -> p.kind().name()).orElse("ANONYMOUS"),
                principal.map(HubPrincipal::id).orElse(null),
                principal.map(HubPrincipal::actingFacilityId).orElse(null),
                principal.map(p -> p.roles().stream().map(Enum::name).collect(Collectors.toSet())).orElse(Set.of()),
                patientReference(request),
                action(request.getMethod(), path),
                request.getMethod() + " " + path + (request.getQueryString() == null ? "" : "?" + request.getQueryString()),
                outcome(status),
                status,
                purpose(request),
                RequestAttributes.sourceIp(request),
                status >= 400 && reason != null ? reason.toString() : null);
    }

    /**
     * The path with a web-questionnaire link token ({@code /portal/q/<token>}) replaced: the token is a bearer
     * secret until the link is used, and the hub keeps only its hash, the trail included.
     */
    static String withoutLinkToken(String path) {
        return LINK_TOKEN_PATH.matcher(path).replaceFirst("/portal/q/[link-token]");
    }

    /**
     * The purpose the request ran under (TREAT when none was named); for a request refused before its
     * {@link Requester} was built, the header as sent, so an unknown code shows in the trail.
     */
    static String purpose(HttpServletRequest request) {
        return Requesters.find(request).map(r -> r.purpose().name()).orElse(request.getHeader(PurposeOfUse.HEADER));
    }

    static AuditAction action(String method, String path) {
        if (path.equals("/api/auth/logout")) {
            return AuditAction.LOGOUT;
        }
        boolean fhir = path.startsWith("/fhir");
        return switch (method) {
            case "GET", "HEAD" -> fhir && !FHIR_INSTANCE.matcher(path).matches() ? AuditAction.SEARCH : AuditAction.READ;
            case "POST" -> path.contains("$") || path.equals("/fhir") || path.equals("/fhir/") ? AuditAction.EXECUTE
                    : path.startsWith("/api/admin") ? AuditAction.ADMIN : AuditAction.CREATE;
            case "PUT", "PATCH" -> path.startsWith("/api/admin") ? AuditAction.ADMIN : AuditAction.UPDATE;
            case "DELETE" -> AuditAction.DELETE;
            default -> AuditAction.EXECUTE;
        };
    }

    static AuditOutcome outcome(int status) {
        if (status == 401) {
            return AuditOutcome.UNAUTHENTICATED;
        }
        if (status == 403) {
            return AuditOutcome.DENIED;
        }
        return status < 400 ? AuditOutcome.SUCCESS : AuditOutcome.FAILED;
    }

    /** The patient a FHIR request is about, when the URL says so (compartment path or patient/subject parameter). */
    static String patientReference(HttpServletRequest request) {
        Matcher matcher = PATIENT_PATH.matcher(request.getRequestURI());
        if (matcher.find()) {
            return "Patient/" + matcher.group(1);
        }
        if (request.getRequestURI().startsWith("/fhir")) {
            for (String name : PATIENT_PARAMETERS) {
                String value = request.getParameter(name);
                if (value != null && !value.isBlank()) {
                    return value.contains("/") ? value : "Patient/" + value;
                }
            }
        }
        return null;
    }
}
