package jp.renkei.hub.regional.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.PurposeOfUse;
import jp.renkei.hub.core.security.Requester;
import org.junit.jupiter.api.Test;

/** A profile request is checked whole: every bad field named, codes from the one code list, precise sentences. */
class ProfileInputTest {

    private static final Facility CLINIC = DirectoryFixtures.facility("c1", FacilityKind.CLINIC, "駅前クリニック",
            "エキマエクリニック", "福島市", "県北");
    private final Profiles profiles = new Profiles(null, null, null, null);

    private static ProfileRequest request(List<String> services, String latitude, String longitude,
                                          Map<String, List<String>> hours) {
        return new ProfileRequest(null, List.of("01", "35"), services, "072010", "福島市", latitude, longitude, "ASK",
                "訪問診療は月2名まで", hours, "地域医療連携室", "024-521-1112", "024-521-1113", "renkei@example.jp", "佐藤");
    }

    @Test
    void aCompleteRequestBecomesTheProfile() {
        FacilityProfile profile = profiles.parse(CLINIC, request(List.of("home-medical-care", "around-the-clock"),
                "37.7560", "140.4620", Map.of("MONDAY", List.of("09:00-12:00, 14:00-18:00"),
                        "SATURDAY", List.of("09:00-12:00"))), "admin-1");

        assertThat(profile.departmentList()).containsExactly(Department.INTERNAL_MEDICINE, Department.REHABILITATION);
        assertThat(profile.serviceList()).containsExactly(ServiceCode.HOME_MEDICAL_CARE, ServiceCode.AROUND_THE_CLOCK);
        assertThat(profile.position()).isEqualTo(new Position(37.756, 140.462));
        assertThat(profile.hours().text(DayOfWeek.MONDAY)).isEqualTo("09:00-12:00, 14:00-18:00");
        assertThat(profile.hours().openAt(DayOfWeek.MONDAY, 13 * 60)).isFalse();
        assertThat(profile.hours().openAt(DayOfWeek.MONDAY, 14 * 60)).isTrue();
        assertThat(profile.newPatients()).isEqualTo(new NewPatients(Acceptance.ASK, "訪問診療は月2名まで"));
        assertThat(profile.desk().fax()).isEqualTo("024-521-1113");
        assertThat(profile.updatedBy()).isEqualTo("admin-1");
    }

    @Test
    void unknownServiceLatitudeOutOfRangeAndBadHoursAreAllNamed() {
        ProfileRequest bad = request(List.of("home-medical-care", "teleportation"), "95.5", "140.4",
                Map.of("MONDAY", List.of("18:00-09:00"), "TUESDAY", List.of("9時から"),
                        "WEDNESDAY", List.of("09:00-13:00", "12:00-15:00"), "HOLIDAY", List.of("09:00-12:00")));

        assertThatThrownBy(() -> profiles.parse(CLINIC, bad, "admin-1")).isInstanceOfSatisfying(InvalidInput.class, e -> {
            assertThat(e.fieldErrors()).containsOnlyKeys("services", "latitude", "hours.MONDAY", "hours.TUESDAY",
                    "hours.WEDNESDAY", "hours.HOLIDAY");
            assertThat(e.fieldErrors().get("services")).contains("teleportation");
            assertThat(e.fieldErrors().get("latitude")).contains("-90 から 90").contains("95.5");
            assertThat(e.fieldErrors().get("hours.MONDAY")).contains("終了時刻が開始時刻より後");
            assertThat(e.fieldErrors().get("hours.TUESDAY")).contains("9時から");
            assertThat(e.fieldErrors().get("hours.WEDNESDAY")).contains("重なっています");
        });
    }

    @Test
    void municipalityCodesCarryTheirCheckDigit() {
        assertThat(new Municipality("072010", "福島市").code()).isEqualTo("072010");
        assertThat(new Municipality("072036", "郡山市").name()).isEqualTo("郡山市");
        assertThat(Municipality.checkDigit("07204")).isEqualTo(4);
        assertThatThrownBy(() -> new Municipality("072011", "福島市")).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.fieldErrors().get("municipality.code")).contains("検査数字").contains("0"));
        assertThatThrownBy(() -> new Municipality("7201", "福島市")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void onlyCareFacilitiesHaveACareTypeAndHalfAPositionIsRefused() {
        ProfileRequest withCareType = new ProfileRequest("roken", null, null, null, null, "37.7", null, null, null,
                null, null, null, null, null, null);
        assertThatThrownBy(() -> profiles.parse(CLINIC, withCareType, "admin-1"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors())
                        .containsOnlyKeys("careFacilityType", "longitude"));
        Facility roken = DirectoryFixtures.facility("r1", FacilityKind.CARE_FACILITY, "あだたら老健", "アダタラロウケン",
                "二本松市", "県北");
        ProfileRequest rokenRequest = new ProfileRequest("roken", null, List.of("short-stay"), null, null, null, null,
                null, null, null, null, null, null, null, null);
        assertThat(profiles.parse(roken, rokenRequest, "a").careType()).isEqualTo(CareFacilityType.ROKEN);
    }

    @Test
    void onlyTheFacilitysOwnAdministratorMayEdit() {
        Requester ownAdmin = requester("c1", HubRole.FACILITY_ADMIN);
        Requester foreignAdmin = requester("c2", HubRole.FACILITY_ADMIN);
        Requester ownDoctor = requester("c1", HubRole.DOCTOR);
        Requester hubAdmin = requester("hub", HubRole.HUB_ADMIN);

        assertThat(Profiles.mayEdit(ownAdmin, "c1")).isTrue();
        assertThat(Profiles.mayEdit(foreignAdmin, "c1")).isFalse();
        assertThat(Profiles.mayEdit(ownDoctor, "c1")).isFalse();
        assertThat(Profiles.mayEdit(hubAdmin, "c1")).isFalse();
    }

    @Test
    void completenessNamesWhatTheKindNeeds() {
        FacilityProfile partial = new FacilityProfile("c1", null, Set.of(), Set.of(ServiceCode.HOME_MEDICAL_CARE),
                null, new Position(37.7, 140.4), null, OpeningHours.NONE, null, java.time.Instant.EPOCH, "a");
        Completeness.Row row = Completeness.row(CLINIC, partial);

        assertThat(row.missing()).containsExactly(ProfileField.DEPARTMENTS, ProfileField.MUNICIPALITY,
                ProfileField.NEW_PATIENTS, ProfileField.HOURS, ProfileField.DESK);
        assertThat(row.percent()).isEqualTo(2 * 100 / 7);
        Facility pharmacy = DirectoryFixtures.facility("p1", FacilityKind.PHARMACY, "薬局", "ヤッキョク", "福島市", "県北");
        assertThat(Completeness.row(pharmacy, FacilityProfile.empty("p1")).missing())
                .doesNotContain(ProfileField.DEPARTMENTS, ProfileField.CARE_TYPE).hasSize(6);
    }

    private static Requester requester(String facilityId, HubRole role) {
        return new Requester(new HubPrincipal(HubPrincipal.Kind.PERSON, "p-" + facilityId, "someone", facilityId,
                Set.of(role)), PurposeOfUse.TREAT);
    }
}
