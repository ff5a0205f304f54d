package jp.renkei.hub.consent.api;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jp.renkei.hub.consent.ConsentRecord;
import jp.renkei.hub.consent.ConsentRegistry;
import jp.renkei.hub.consent.ScannedForm;
import jp.renkei.hub.consent.api.ConsentRequests.AmendRequest;
import jp.renkei.hub.consent.api.ConsentRequests.RecordRequest;
import jp.renkei.hub.consent.api.ConsentRequests.WithdrawRequest;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Patients' consents, recorded and read by the facilities treating them. */
@RestController
@RequestMapping("/api/consents")
@Tag(name = "Consents", description = "Patients' consent to share their data across facilities")
public class ConsentController {

    private final ConsentRegistry registry;
    private final FacilityRegistry facilities;
    private final Clock clock;

    public ConsentController(ConsentRegistry registry, FacilityRegistry facilities, Clock clock) {
        this.registry = registry;
        this.facilities = facilities;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Record a consent obtained by the acting facility (409 if it contradicts an ACTIVE one)")
    public ResponseEntity<ConsentView> record(@Valid @RequestBody RecordRequest request,
                                              @AuthenticationPrincipal HubPrincipal principal) {
        ScannedForm form = ConsentRequests.form(request.scannedForm());
        ConsentRecord consent = registry.record(request.eventNumber(), request.category(),
                ConsentRequests.terms(request.grantees(), request.sources(), request.validFrom(), request.validUntil(),
                        request.obtainedVia(), facilities), form, principal);
        return ResponseEntity.created(URI.create("/api/consents/" + consent.id()))
                .body(ConsentView.of(consent, clock.instant(), true));
    }

    @GetMapping
    @Operation(summary = "The patient's consents with their current status")
    public List<ConsentView> list(@RequestParam String eventNumber, @AuthenticationPrincipal HubPrincipal principal) {
        return registry.consentsOf(eventNumber, principal).stream()
                .map(c -> ConsentView.of(c, clock.instant(), false)).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One consent with every version")
    public ConsentView get(@PathVariable String id, @AuthenticationPrincipal HubPrincipal principal) {
        return ConsentView.of(registry.consent(consentId(id), principal), clock.instant(), true);
    }

    @GetMapping("/{id}/versions/{version}/form")
    @Operation(summary = "The scanned form kept with a version")
    public ResponseEntity<byte[]> form(@PathVariable String id, @PathVariable int version,
                                       @AuthenticationPrincipal HubPrincipal principal) {
        ScannedForm form = registry.form(consentId(id), version, principal);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(form.contentType())).body(form.content());
    }

    @PutMapping("/{id}")
    @Operation(summary = "Amend an ACTIVE consent: a new version; the previous one becomes SUPERSEDED")
    public ConsentView amend(@PathVariable String id, @Valid @RequestBody AmendRequest request,
                             @AuthenticationPrincipal HubPrincipal principal) {
        ScannedForm form = ConsentRequests.form(request.scannedForm());
        ConsentRecord consent = registry.amend(consentId(id), ConsentRequests.terms(request.grantees(),
                request.sources(), request.validFrom(), request.validUntil(), request.obtainedVia(), facilities), form,
                request.reason(), principal);
        return ConsentView.of(consent, clock.instant(), true);
    }

    @PostMapping("/{id}/withdraw")
    @Operation(summary = "Withdraw a consent; effective for the next access decision")
    public ConsentView withdraw(@PathVariable String id, @Valid @RequestBody WithdrawRequest request,
                                @AuthenticationPrincipal HubPrincipal principal) {
        return ConsentView.of(registry.withdraw(consentId(id), request.reason(), principal), clock.instant(), true);
    }

    private static UUID consentId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("id", "'" + id + "' is not a consent ID");
        }
    }
}
