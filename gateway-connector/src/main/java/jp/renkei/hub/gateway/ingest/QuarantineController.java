package jp.renkei.hub.gateway.ingest;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The quarantine of gateway ingest. Who may use it is declared in {@code HubAccessRules} (facility administrators
 * and gateways, hub administrators); here each principal is kept to its acting facility: anyone but a hub
 * administrator sees and re-processes only its own facility's items, and another facility's item is "not found".
 */
@RestController
@RequestMapping("/api/gateway/quarantine")
@Tag(name = "Gateway quarantine", description = "Inputs that could not be parsed or mapped, and their re-processing")
public class QuarantineController {

    private final Quarantine quarantine;
    private final QuarantineReprocessing reprocessing;

    public QuarantineController(Quarantine quarantine, QuarantineReprocessing reprocessing) {
        this.quarantine = quarantine;
        this.reprocessing = reprocessing;
    }

    @GetMapping
    @Operation(summary = "List quarantined items, newest first",
            description = "status HELD (default), RESOLVED or ALL. facility defaults to the acting facility; only hub"
                    + " administrators may name another facility or leave it out with all=true.")
    public List<QuarantinedItem> list(@RequestParam(required = false) String facility,
                                      @RequestParam(defaultValue = "HELD") String status,
                                      @RequestParam(defaultValue = "false") boolean all,
                                      @RequestParam(defaultValue = "200") int limit,
                                      @AuthenticationPrincipal HubPrincipal principal) {
        if (!List.of(Quarantine.HELD, Quarantine.RESOLVED, "ALL").contains(status)) {
            throw ApiException.invalid("status", "must be HELD, RESOLVED or ALL");
        }
        if (limit < 1 || limit > 1000) {
            throw ApiException.invalid("limit", "must be between 1 and 1000");
        }
        String scope = all && principal.has(HubRole.HUB_ADMIN) ? null : facilityScope(facility, principal);
        return quarantine.list(scope, "ALL".equals(status) ? null : status, limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One quarantined item (without its bytes)")
    public QuarantinedItem get(@PathVariable UUID id, @AuthenticationPrincipal HubPrincipal principal) {
        return visibleItem(id, principal);
    }

    @GetMapping(value = "/{id}/raw", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @Operation(summary = "The quarantined input byte for byte, as received")
    public ResponseEntity<byte[]> raw(@PathVariable UUID id, @AuthenticationPrincipal HubPrincipal principal) {
        visibleItem(id, principal);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(quarantine.raw(id));
    }

    @PostMapping("/{id}/reprocess")
    @Operation(summary = "Run a held item through its pipeline again",
            description = "RESOLVED when the input is now stored or skipped; HELD with the new reason otherwise.")
    public QuarantineReprocessing.Reprocessed reprocess(@PathVariable UUID id,
                                                        @AuthenticationPrincipal HubPrincipal principal) {
        return reprocessing.reprocess(visibleItem(id, principal), principal);
    }

    @PostMapping("/reprocess")
    @Operation(summary = "Run every held item of a facility through its pipeline again, oldest first")
    public List<QuarantineReprocessing.Reprocessed> reprocessAll(@RequestParam(required = false) String facility,
                                                                 @AuthenticationPrincipal HubPrincipal principal) {
        return reprocessing.reprocessAll(facilityScope(facility, principal), principal);
    }

    /** The facility a request may address: its acting facility, or any facility for a hub administrator. */
    private static String facilityScope(String requested, HubPrincipal principal) {
        if (requested == null || requested.isBlank()) {
            return principal.actingFacilityId();
        }
        try {
            UUID.fromString(requested);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("facility", "must be a facility ID (UUID)");
        }
        if (!requested.equals(principal.actingFacilityId()) && !principal.has(HubRole.HUB_ADMIN)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "only hub administrators may see another facility's"
                    + " quarantine; acting for " + principal.actingFacilityId());
        }
        return requested;
    }

    private QuarantinedItem visibleItem(UUID id, HubPrincipal principal) {
        return quarantine.find(id)
                .filter(item -> principal.has(HubRole.HUB_ADMIN) || item.facilityId().equals(principal.actingFacilityId()))
                .orElseThrow(() -> ApiException.notFound("quarantined item " + id));
    }
}
