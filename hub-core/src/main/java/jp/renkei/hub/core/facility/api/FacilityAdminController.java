package jp.renkei.hub.core.facility.api;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.facility.FacilityStatusChange;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.web.ApiException;
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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Administration of the facility registry. Who may call what is declared with the hub's security rules. */
@RestController
@RequestMapping("/api/admin/facilities")
@Tag(name = "Facility registry", description = "Admission of facilities to the regional network by application "
        + "and approval, their details and their lifecycle APPLIED → APPROVED → ACTIVE ⇄ SUSPENDED, WITHDRAWN from any.")
public class FacilityAdminController {

    private final FacilityRegistry registry;

    FacilityAdminController(FacilityRegistry registry) {
        this.registry = registry;
    }

    @PostMapping
    @Operation(summary = "Register a facility's application to join the network",
            description = "The facility starts as APPLIED. 400 names every invalid field (the medical-institution "
                    + "code is checked against the kind); 409 when its code or one of its AE titles is taken.")
    public ResponseEntity<Facility> apply(@Valid @RequestBody FacilityApplicationRequest request,
                                          @AuthenticationPrincipal HubPrincipal principal) {
        Facility facility = registry.apply(request.toApplication(), principal.id());
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(facility.id()).toUri();
        return ResponseEntity.created(location).body(facility);
    }

    @GetMapping
    @Operation(summary = "List facilities, optionally by status, kind and region", description = "In kana order.")
    public List<Facility> list(
            @Parameter(schema = @Schema(implementation = FacilityStatus.class)) @RequestParam(required = false) String status,
            @Parameter(schema = @Schema(implementation = FacilityKind.class)) @RequestParam(required = false) String kind,
            @Parameter(example = "県北") @RequestParam(required = false) String region) {
        return registry.list(option(FacilityStatus.class, "status", status), option(FacilityKind.class, "kind", kind),
                region == null || region.isBlank() ? null : region);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a facility")
    public Facility find(@PathVariable String id) {
        return registry.find(id).orElseThrow(() -> ApiException.notFound("facility " + id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a facility's details",
            description = "Kind and medical-institution code are fixed at application and not part of the details. "
                    + "409 when an AE title is taken or the facility has withdrawn.")
    public Facility updateDetails(@PathVariable String id, @Valid @RequestBody FacilityDetailsRequest request,
                                  @AuthenticationPrincipal HubPrincipal principal) {
        return registry.updateDetails(id, request.toDetails(""), principal.id());
    }

    @PostMapping("/{id}/status")
    @Operation(summary = "Change a facility's status",
            description = "409 when the lifecycle does not allow the change (the answer names the allowed targets); "
                    + "400 when SUSPENDED or WITHDRAWN is requested without a reason.")
    public Facility changeStatus(@PathVariable String id, @Valid @RequestBody StatusChangeRequest request,
                                 @AuthenticationPrincipal HubPrincipal principal) {
        return registry.changeStatus(id, request.status(), request.reason(), principal.id());
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "A facility's status changes: who, when and why, oldest first")
    public List<FacilityStatusChange> history(@PathVariable String id) {
        return registry.history(id);
    }

    /** Query parameters are parsed here so that a wrong value is a 400 naming the parameter and its values. */
    private static <E extends Enum<E>> E option(Class<E> type, String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(parameter, "'" + value + "' is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
