package jp.renkei.hub.regional.directory;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityContact;
import jp.renkei.hub.core.facility.FacilityDetails;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.facility.PostalAddress;

/** Small facilities and profiles written for these tests (positions around Fukushima prefecture's cities). */
final class DirectoryFixtures {

    private DirectoryFixtures() {
    }

    static Facility facility(String id, FacilityKind kind, String name, String kana, String city, String area) {
        return new Facility(id, kind, null, new FacilityDetails(name, kana,
                new PostalAddress("960-8000", "福島県", city, "1-1"), area, new FacilityContact("024-521-1111", null),
                List.of()), FacilityStatus.ACTIVE, Instant.EPOCH, Instant.EPOCH, "test");
    }

    static FacilityProfile profile(String id, double latitude, double longitude, Set<ServiceCode> services,
                                   Set<Department> departments, Acceptance acceptance,
                                   Map<DayOfWeek, List<TimeRange>> hours) {
        return new FacilityProfile(id, null, departments, services, new Municipality("072010", "福島市"),
                new Position(latitude, longitude), acceptance == null ? null : new NewPatients(acceptance, null),
                new OpeningHours(hours), new ReferralDesk("地域医療連携室", "024-521-1112", null, null, null),
                Instant.EPOCH, "test");
    }

    static Map<DayOfWeek, List<TimeRange>> weekdays(int opens, int closes) {
        return Map.of(DayOfWeek.MONDAY, List.of(new TimeRange(opens, closes)),
                DayOfWeek.TUESDAY, List.of(new TimeRange(opens, closes)),
                DayOfWeek.WEDNESDAY, List.of(new TimeRange(opens, closes)),
                DayOfWeek.THURSDAY, List.of(new TimeRange(opens, closes)),
                DayOfWeek.FRIDAY, List.of(new TimeRange(opens, closes)));
    }
}
