package jp.renkei.hub.core.facility.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The directory of the network's active facilities, for every signed-in user. */
@RestController
@RequestMapping("/api/facilities")
@Tag(name = "Facility directory", description = "The facilities currently taking part in the network.")
public class FacilityDirectoryController {

    private final FacilityRegistry registry;

    FacilityDirectoryController(FacilityRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    @Operation(summary = "List the active facilities", description = "Identity, name, kind and region only; in kana order.")
    public List<FacilityDirectoryEntry> list() {
        return registry.list(FacilityStatus.ACTIVE, null, null).stream().map(FacilityDirectoryEntry::of).toList();
    }
}
