package jp.renkei.hub.core.web;

import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The one shape of a refused REST request: problem+json with a detail and, where fields are at fault, their errors. */
public final class ProblemResponse {

    private ProblemResponse() {
    }

    /** {@code errors} may be null: a problem of the whole request, not of its fields. */
    public static ResponseEntity<ProblemDetail> of(HttpStatusCode status, String detail, Map<String, String> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (errors != null && !errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
