package jp.renkei.hub.carenet.api;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.carenet.room.Caretakers;
import jp.renkei.hub.carenet.room.Room;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Changing a room's caretaker ({@link Caretakers}). */
@RestController
@Tag(name = "Care-net")
class CaretakerController {

    private final Caretakers caretakers;

    CaretakerController(Caretakers caretakers) {
        this.caretakers = caretakers;
    }

    record CaretakerRequest(String personId) {
    }

    /** The room's ID, status and new caretaker. */
    record CaretakerView(UUID roomId, String status, String caretakerId) {
    }

    @PutMapping("/api/care-net/rooms/{roomId}/caretaker")
    @Operation(summary = "Hand the caretaker role to another current staff member (applicant or caretaker; logged)")
    CaretakerView change(@PathVariable String roomId, @RequestBody CaretakerRequest body, HttpServletRequest http) {
        UUID id;
        try {
            id = UUID.fromString(roomId);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("roomId", "'" + roomId + "' is not an ID");
        }
        Room room = caretakers.change(id, body.personId(), Requesters.current(http));
        return new CaretakerView(room.id(), room.status().name(), room.caretakerId());
    }
}
