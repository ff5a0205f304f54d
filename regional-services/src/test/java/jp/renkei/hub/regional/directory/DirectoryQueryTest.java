package jp.renkei.hub.regional.directory;

import static jp.renkei.hub.regional.directory.DirectoryFixtures.facility;
import static jp.renkei.hub.regional.directory.DirectoryFixtures.profile;
import static jp.renkei.hub.regional.directory.DirectoryFixtures.weekdays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityKind;
import org.junit.jupiter.api.Test;

/** The search's rules on facilities and profiles written here: filters, distance order, names, hours, pages. */
class DirectoryQueryTest {

    // 福島市 centre, and facilities at known distances around it
    private static final Position FUKUSHIMA_STATION = new Position(37.7544, 140.4597);

    private static final Facility NEAR = facility("near", FacilityKind.CLINIC, "駅前在宅クリニック",
            "エキマエザイタククリニック", "福島市", "県北");
    private static final Facility MIDDLE = facility("middle", FacilityKind.CLINIC, "笹谷訪問診療所",
            "ササヤホウモンシンリョウジョ", "福島市", "県北");
    private static final Facility FAR = facility("far", FacilityKind.HOSPITAL, "伊達中央病院", "ダテチュウオウビョウイン",
            "伊達市", "県北");
    private static final Facility OTHER_AREA = facility("koriyama", FacilityKind.CLINIC, "郡山在宅クリニック",
            "コオリヤマザイタククリニック", "郡山市", "県中");
    private static final Facility NO_HOME_CARE = facility("plain", FacilityKind.CLINIC, "渡利内科", "ワタリナイカ",
            "福島市", "県北");
    private static final Facility NURSES = facility("nurses", FacilityKind.VISITING_NURSE_STATION,
            "ふくしま訪問看護ステーション", "フクシマホウモンカンゴステーション", "福島市", "県北");

    private static final List<Facility> FACILITIES = List.of(OTHER_AREA, FAR, NO_HOME_CARE, MIDDLE, NURSES, NEAR);
    private static final Set<ServiceCode> HOME = Set.of(ServiceCode.HOME_MEDICAL_CARE, ServiceCode.AROUND_THE_CLOCK,
            ServiceCode.END_OF_LIFE);
    private static final Map<String, FacilityProfile> PROFILES = Map.of(
            "near", profile("near", 37.7560, 140.4620, HOME, Set.of(Department.INTERNAL_MEDICINE), Acceptance.YES,
                    weekdays(9 * 60, 18 * 60)),
            "middle", profile("middle", 37.7800, 140.4300, HOME, Set.of(Department.INTERNAL_MEDICINE), Acceptance.ASK,
                    weekdays(9 * 60, 12 * 60)),
            "far", profile("far", 37.8190, 140.5630, Set.of(ServiceCode.HOME_MEDICAL_CARE, ServiceCode.AROUND_THE_CLOCK,
                    ServiceCode.END_OF_LIFE, ServiceCode.REHABILITATION), Set.of(Department.INTERNAL_MEDICINE,
                    Department.ORTHOPEDICS), Acceptance.NO, Map.of(DayOfWeek.SATURDAY, List.of(new TimeRange(0, 1440)))),
            "koriyama", profile("koriyama", 37.4000, 140.3600, HOME, Set.of(Department.INTERNAL_MEDICINE),
                    Acceptance.YES, weekdays(9 * 60, 18 * 60)),
            "plain", profile("plain", 37.7500, 140.4700, Set.of(), Set.of(Department.INTERNAL_MEDICINE),
                    Acceptance.YES, weekdays(9 * 60, 18 * 60)),
            "nurses", profile("nurses", 37.7600, 140.4500, Set.of(ServiceCode.VISITING_NURSING,
                    ServiceCode.AROUND_THE_CLOCK), Set.of(), Acceptance.YES, weekdays(8 * 60 + 30, 17 * 60 + 30)));

    private static ResultPage run(SearchRequest request, Position origin) {
        SearchCriteria criteria = SearchCriteria.of(request);
        return DirectoryQuery.run(FACILITIES, PROFILES, criteria,
                origin == null ? null : new Origin(null, "origin", origin));
    }

    private static SearchRequest request(List<String> services, String area, String radiusKm, String name) {
        return new SearchRequest(null, null, services, null, area, null, "37.7544", "140.4597", radiusKm, null, null,
                null, name, null, null);
    }

    private static List<String> ids(ResultPage page) {
        return page.entries().stream().map(DirectoryEntry::facilityId).toList();
    }

    @Test
    void serviceAndAreaFindTheFacilitiesOfferingEveryServiceInDistanceOrder() {
        ResultPage page = run(request(List.of("home-medical-care", "end-of-life"), "県北", null, null), FUKUSHIMA_STATION);

        assertThat(ids(page)).containsExactly("near", "middle", "far");
        assertThat(page.entries()).extracting(DirectoryEntry::distanceKm)
                .allSatisfy(d -> assertThat(d).isNotNull()).isSorted();
        // 37.7544,140.4597 → 37.7560,140.4620: about 0.27 km
        assertThat(page.entries().get(0).distanceKm()).isBetween(0.2, 0.35);
        assertThat(page.total()).isEqualTo(3);
    }

    @Test
    void radiusKeepsOnlyFacilitiesWithinTheGreatCircleDistance() {
        ResultPage page = run(request(List.of("home-medical-care"), null, "5", null), FUKUSHIMA_STATION);

        assertThat(ids(page)).containsExactly("near", "middle");
        assertThat(page.entries().get(1).distanceKm()).isLessThan(5);
        assertThat(FUKUSHIMA_STATION.distanceKm(PROFILES.get("far").position())).isGreaterThan(5);
    }

    @Test
    void withoutOriginTheOrderIsTheKanaOrder() {
        ResultPage page = run(new SearchRequest(null, null, List.of("around-the-clock"), null, null, null, null, null,
                null, null, null, null, null, null, null), null);

        assertThat(ids(page)).containsExactly("near", "koriyama", "middle", "far", "nurses");
        assertThat(page.entries()).allSatisfy(e -> assertThat(e.distanceKm()).isNull());
    }

    @Test
    void nameMatchesKanjiKatakanaHiraganaAndHalfWidth() {
        for (String name : List.of("訪問診療", "ササヤ", "ささや", "ｻｻﾔ", " ｻｻ ﾔ ")) {
            ResultPage page = run(new SearchRequest(null, null, null, null, null, null, null, null, null, null, null,
                    null, name, null, null), null);
            assertThat(ids(page)).as(name).containsExactly("middle");
        }
        ResultPage hiragana = run(new SearchRequest(null, null, null, null, null, null, null, null, null, null, null,
                null, "ほうもんかんご", null, null), null);
        assertThat(ids(hiragana)).containsExactly("nurses");
    }

    @Test
    void kindDepartmentAcceptingAndOpeningHoursFilter() {
        ResultPage hospitals = run(new SearchRequest(List.of("HOSPITAL"), List.of("11"), null, null, null, null, null,
                null, null, null, null, null, null, null, null), null);
        assertThat(ids(hospitals)).containsExactly("far");

        ResultPage accepting = run(new SearchRequest(List.of("CLINIC"), null, null, null, "県北", null, null, null,
                null, List.of("YES", "ASK"), null, null, null, null, null), null);
        assertThat(ids(accepting)).containsExactly("near", "middle", "plain");

        ResultPage afternoon = run(new SearchRequest(null, null, List.of("home-medical-care"), null, null, null, null,
                null, null, null, "MONDAY", "15:00", null, null, null), null);
        assertThat(ids(afternoon)).containsExactly("near", "koriyama");

        ResultPage saturdayNight = run(new SearchRequest(null, null, null, null, null, null, null, null, null, null,
                "saturday", "23:30", null, null, null), null);
        assertThat(ids(saturdayNight)).containsExactly("far");
    }

    @Test
    void pagesCountFromTheWholeResult() {
        SearchRequest second = new SearchRequest(null, null, null, null, null, null, "37.7544", "140.4597", null,
                null, null, null, null, "1", "2");
        ResultPage page = run(second, FUKUSHIMA_STATION);

        assertThat(page.total()).isEqualTo(6);
        assertThat(page.pages()).isEqualTo(3);
        assertThat(page.firstNumber()).isEqualTo(3);
        assertThat(page.entries()).hasSize(2);
        assertThat(page.hasNext()).isTrue();
        assertThat(page.hasPrevious()).isTrue();
    }

    @Test
    void badSearchInputNamesEveryParameter() {
        assertThatThrownBy(() -> SearchCriteria.of(new SearchRequest(List.of("CASTLE"), List.of("99"),
                List.of("teleportation"), "07201", null, null, "91", "140", "0", List.of("MAYBE"), "FUNDAY", "25:00",
                null, "-1", "500")))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("kind",
                        "department", "service", "municipality", "latitude", "radiusKm", "accepting", "openOn",
                        "openAt", "page", "size"));
        assertThatThrownBy(() -> SearchCriteria.of(new SearchRequest(null, null, null, null, null, null, null, null,
                "10", null, null, null, null, null, null)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors()).containsKey("radiusKm"));
    }
}
