package jp.renkei.hub.core.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail for hub operators: search it, and check that nobody tampered with it. */
@RestController
@RequestMapping(path = "/api/admin/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audit trail", description = "Every access to the hub, append-only and hash-chained")
public class AuditController {

    private final AuditQuery query;
    private final AuditVerifier verifier;

    public AuditController(AuditQuery query, AuditVerifier verifier) {
        this.query = query;
        this.verifier = verifier;
    }

    /** One page of search results and the paging that produced it. */
    public record AuditPage(int limit, int offset, List<AuditRecord> records) {
    }

    /** The verification result as JSON. */
    public record VerificationReport(boolean ok, long rowsChecked, List<AuditViolation> violations, long pending,
                                     long anchorsChecked, long lastAnchoredSeq) {

        static VerificationReport of(AuditVerification verification) {
            return new VerificationReport(verification.ok(), verification.rowsChecked(), verification.violations(),
                    verification.pending(), verification.anchorsChecked(), verification.lastAnchoredSeq());
        }
    }

    @GetMapping
    @Operation(summary = "Search the audit trail, newest first",
            description = "Every criterion is optional; times are ISO-8601 with an offset, e.g. 2025-04-01T09:00:00+09:00.")
    public AuditPage search(
            @Parameter(description = "recorded at or after") @RequestParam(required = false) String from,
            @Parameter(description = "recorded before") @RequestParam(required = false) String to,
            @RequestParam(required = false) String actorId,
            @RequestParam(required = false) String facilityId,
            @Parameter(description = "e.g. Patient/123 or an event number") @RequestParam(required = false) String patientRef,
            @Parameter(description = "one of AuditAction") @RequestParam(required = false) String action,
            @Parameter(description = "one of AuditOutcome") @RequestParam(required = false) String outcome,
            @Parameter(description = "1.." + AuditQuery.MAX_LIMIT + ", default " + AuditQuery.DEFAULT_LIMIT)
            @RequestParam(required = false) String limit,
            @Parameter(description = "events to skip, default 0") @RequestParam(required = false) String offset) {
        Instant fromTime = instant("from", from);
        Instant toTime = instant("to", to);
        if (fromTime != null && toTime != null && toTime.isBefore(fromTime)) {
            throw ApiException.invalid("to", "must not be before 'from'");
        }
        AuditOutcome outcomeValue = enumValue("outcome", outcome, AuditOutcome.class);
        AuditFilter filter = AuditFilter.any()
                .withFrom(fromTime)
                .withTo(toTime)
                .withActorId(blankToNull(actorId))
                .withFacilityId(blankToNull(facilityId))
                .withPatientRef(blankToNull(patientRef))
                .withAction(enumValue("action", action, AuditAction.class))
                .withOutcomes(outcomeValue == null ? Set.of() : Set.of(outcomeValue));
        int limitValue = integer("limit", limit, AuditQuery.DEFAULT_LIMIT, 1, AuditQuery.MAX_LIMIT);
        int offsetValue = integer("offset", offset, 0, 0, Integer.MAX_VALUE);
        return new AuditPage(limitValue, offsetValue, query.search(filter, limitValue, offsetValue));
    }

    @GetMapping("/verify")
    @Operation(summary = "Verify the hash chain of the whole audit trail",
            description = "Re-hashes every event; lists edited events and breaks in the chain (missing or reordered events). "
                    + "'pending' counts events committed with their request's data and not yet chained (within moments). "
                    + "Each signed audit anchor (files outside the database) must name a row that exists with the "
                    + "anchored hash; 'anchorsChecked' counts them, 'lastAnchoredSeq' is the newest row one names.")
    public VerificationReport verify() {
        return VerificationReport.of(verifier.verify());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Instant instant(String name, String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "'" + text + "' is not an ISO-8601 date-time with offset, e.g. 2025-04-01T09:00:00+09:00");
        }
    }

    private static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(name, "'" + text + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static int integer(String name, String value, int absent, int min, int max) {
        String text = blankToNull(value);
        if (text == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(text);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw ApiException.invalid(name, "'" + text + "' is not a whole number between " + min + " and " + max);
    }
}
