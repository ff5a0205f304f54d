package jp.renkei.hub.app.portal.operator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.PersonStore;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.RequestAttributes;
import org.springframework.stereotype.Component;

/** What the operator pages share: times in Japan time, facility and person names for IDs, the acting person. */
@Component
class OperatorViews {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(JAPAN);

    private final FacilityRegistry facilities;
    private final PersonStore people;

    OperatorViews(FacilityRegistry facilities, PersonStore people) {
        this.facilities = facilities;
        this.people = people;
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** The logged-in person (the portal's chain has authenticated them before any operator page runs). */
    static HubPrincipal principal(HttpServletRequest request) {
        return RequestAttributes.principal(request).orElseThrow(() -> new IllegalStateException("no principal"));
    }

    /** Every facility by ID, for naming them in lists. */
    Map<String, Facility> facilitiesById() {
        return facilities.list(null, null, null).stream().collect(Collectors.toMap(Facility::id, Function.identity()));
    }

    List<Facility> allFacilities() {
        return facilities.list(null, null, null);
    }

    /** The facility's name, or the ID itself when no facility has it. */
    String facilityName(String id) {
        return id == null || id.isBlank() ? "" : facilities.find(id).map(f -> f.details().name()).orElse(id);
    }

    /** A person's name and login for their hub ID; a system's ID (e.g. the demo loader) as it is. */
    String actorName(String id) {
        if (id == null || id.isBlank()) {
            return "";
        }
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return id;
        }
        return Optional.of(id).flatMap(people::accountById)
                .map(a -> a.person().displayName() + " (" + a.person().login() + ")").orElse(id);
    }
}
