package jp.renkei.hub.app.demo;

import java.util.List;
import java.util.Map;

import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.PostalAddress;
import jp.renkei.hub.regional.directory.ProfileRequest;
import jp.renkei.hub.regional.directory.Profiles;
import org.springframework.stereotype.Component;

/**
 * The demo network's facility directory: a profile for each demo facility, and a few more facilities around
 * Fukushima city (県北) so that a referral desk's search shows something on first start — home-care clinics, a
 * visiting-nurse station, a 老健 and a 特養, a dental clinic, a pharmacy. Names, codes, phone numbers and addresses
 * are made up; positions are near the real towns' centres. Profiles are written once: an administrator's later
 * edits are kept.
 */
@Component
public class DemoDirectory {

    private static final List<String> WEEKDAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");

    public static final DemoFacility HOME_CARE_CLINIC = facility(FacilityKind.CLINIC, "0710901001",
            "駅前ふくしま在宅クリニック", "エキマエフクシマザイタククリニック", "県北", "960-8031", "福島市", "栄町6-6",
            "024-000-0101");
    public static final DemoFacility DATE_CLINIC = facility(FacilityKind.CLINIC, "0710901002", "伊達あおば診療所",
            "ダテアオバシンリョウジョ", "県北", "960-0502", "伊達市", "前川原12", "024-000-0102");
    public static final DemoFacility NIHONMATSU_CLINIC = facility(FacilityKind.CLINIC, "0710901003",
            "二本松ひまわりクリニック", "ニホンマツヒマワリクリニック", "県北", "964-0917", "二本松市", "本町1-10",
            "0243-00-0103");
    public static final DemoFacility NURSE_STATION = facility(FacilityKind.VISITING_NURSE_STATION, null,
            "訪問看護ステーションあづま", "ホウモンカンゴステーションアヅマ", "県北", "960-8152", "福島市", "鳥谷野3-1",
            "024-000-0104");
    public static final DemoFacility ROKEN = facility(FacilityKind.CARE_FACILITY, null, "介護老人保健施設しのぶの里",
            "カイゴロウジンホケンシセツシノブノサト", "県北", "960-8141", "福島市", "渡利7-2", "024-000-0105");
    public static final DemoFacility DENTAL = facility(FacilityKind.DENTAL_CLINIC, "0730901005", "さくらみず歯科医院",
            "サクラミズシカイイン", "県北", "960-8061", "福島市", "五月町4-4", "024-000-0106");
    public static final DemoFacility KORIYAMA_CLINIC = facility(FacilityKind.CLINIC, "0710901004",
            "郡山こころ在宅診療所", "コオリヤマココロザイタクシンリョウジョ", "県中", "963-8002", "郡山市", "駅前2-5",
            "024-000-0107");
    public static final DemoFacility DATE_PHARMACY = facility(FacilityKind.PHARMACY, "0740901006", "あおば薬局 伊達店",
            "アオバヤッキョクダテテン", "県北", "960-0502", "伊達市", "前川原15", "024-000-0108");
    public static final DemoFacility TOKUYO = facility(FacilityKind.CARE_FACILITY, null, "特別養護老人ホーム桑折の郷",
            "トクベツヨウゴロウジンホームコオリノサト", "県北", "969-1603", "伊達郡桑折町", "谷地3", "024-000-0109");

    /** Facilities registered only for the directory (no people, no patients). */
    public static final List<DemoFacility> EXTRA = List.of(HOME_CARE_CLINIC, DATE_CLINIC, NIHONMATSU_CLINIC,
            NURSE_STATION, ROKEN, DENTAL, KORIYAMA_CLINIC, DATE_PHARMACY, TOKUYO);

    private static final Map<DemoFacility, ProfileRequest> PROFILES = Map.ofEntries(
            Map.entry(DemoFacility.HOSPITAL, profile(null, List.of("01", "08", "10", "11", "14", "35", "29", "30"),
                    List.of("rehabilitation", "swallowing-assessment", "palliative-care", "respite-admission",
                            "dialysis"), "072010", "福島市", "37.7562", "140.4618", "ASK", "転院・レスパイトは連携室へ電話で",
                    hours("08:30-17:00", "08:30-12:00"), "地域医療連携室", "024-000-0011", "024-000-0012")),
            Map.entry(DemoFacility.CLINIC, profile(null, List.of("01", "08"), List.of("home-medical-care",
                            "home-oxygen", "end-of-life"), "072028", "会津若松市", "37.4953", "139.9292", "YES", null,
                    hours("09:00-12:00, 14:00-18:00", "09:00-12:00"), "受付", "0242-00-0002", null)),
            Map.entry(DemoFacility.PHARMACY, profile(null, List.of(), List.of("home-visit-pharmacy",
                            "narcotics-dispensing"), "072036", "郡山市", "37.3990", "140.3603", "YES", null,
                    hours("09:00-19:00", "09:00-13:00"), "在宅担当薬剤師", "024-000-0003", "024-000-0013")),
            Map.entry(DemoFacility.CARE_OFFICE, profile(null, List.of(), List.of("dementia-care"), "072044",
                    "いわき市", "37.0505", "140.8877", "ASK", "新規のケアプラン作成は要相談",
                    hours("08:30-17:30", null), "相談窓口", "0246-00-0004", null)),
            Map.entry(HOME_CARE_CLINIC, profile(null, List.of("01"), List.of("home-medical-care", "home-care-support",
                            "around-the-clock", "end-of-life", "palliative-care", "home-oxygen", "tube-feeding"),
                    "072010", "福島市", "37.7575", "140.4655", "YES", "がん末期の方も受け入れます",
                    hours("09:00-12:00, 14:00-17:00", null), "在宅医療相談室", "024-000-0101", "024-000-0111")),
            Map.entry(DATE_CLINIC, profile(null, List.of("01", "04"), List.of("home-medical-care", "end-of-life",
                            "dementia-care"), "072133", "伊達市", "37.8190", "140.5625", "ASK", "訪問診療は月2名まで",
                    hours("09:00-12:00, 15:00-18:00", "09:00-12:00"), "地域連携担当", "024-000-0102", null)),
            Map.entry(NIHONMATSU_CLINIC, profile(null, List.of("01", "35"), List.of("home-medical-care",
                            "around-the-clock", "end-of-life", "swallowing-assessment", "rehabilitation"), "072109",
                    "二本松市", "37.5860", "140.4320", "YES", null, hours("08:30-12:30, 14:00-18:00", "08:30-12:30"),
                    "医療相談室", "0243-00-0103", null)),
            Map.entry(NURSE_STATION, profile(null, List.of(), List.of("visiting-nursing", "around-the-clock",
                            "end-of-life", "tube-feeding", "rehabilitation"), "072010", "福島市", "37.7310", "140.4520",
                    "YES", "緊急時訪問看護加算の届出あり", hours("08:30-17:30", null), "管理者", "024-000-0104", null)),
            Map.entry(ROKEN, profile("roken", List.of(), List.of("rehabilitation", "short-stay", "day-care",
                            "swallowing-assessment", "dementia-care"), "072010", "福島市", "37.7480", "140.4860",
                    "ASK", "入所は判定会議後（毎週水曜）", hours("08:30-17:30", "08:30-12:30"), "支援相談員",
                    "024-000-0105", "024-000-0115")),
            Map.entry(DENTAL, profile(null, List.of("40", "43"), List.of("home-visit-dentistry",
                            "swallowing-assessment"), "072010", "福島市", "37.7650", "140.4720", "YES", null,
                    hours("09:00-13:00, 14:30-19:00", "09:00-13:00"), "訪問歯科担当", "024-000-0106", null)),
            Map.entry(KORIYAMA_CLINIC, profile(null, List.of("01"), List.of("home-medical-care", "around-the-clock",
                            "end-of-life"), "072036", "郡山市", "37.4010", "140.3650", "YES", null,
                    hours("09:00-17:00", null), "連携室", "024-000-0107", null)),
            Map.entry(DATE_PHARMACY, profile(null, List.of(), List.of("home-visit-pharmacy", "narcotics-dispensing",
                            "around-the-clock"), "072133", "伊達市", "37.8185", "140.5640", "YES", null,
                    hours("09:00-18:30", "09:00-13:00"), "薬局", "024-000-0108", null)),
            Map.entry(TOKUYO, profile("tokuyo", List.of(), List.of("short-stay", "end-of-life", "dementia-care"),
                    "073016", "桑折町", "37.8480", "140.5160", "NO", "入所待機者が多いため新規受付を停止中",
                    hours("08:30-17:30", null), "生活相談員", "024-000-0109", null)));

    private final Profiles profiles;

    DemoDirectory(Profiles profiles) {
        this.profiles = profiles;
    }

    /** Writes the profile of each registered demo facility that has none yet. */
    void ensure(Map<DemoFacility, String> facilityIds) {
        PROFILES.forEach((demo, profile) -> {
            String id = facilityIds.get(demo);
            if (id != null) {
                profiles.seedIfAbsent(id, profile, DemoDataLoader.ACTOR);
            }
        });
    }

    private static DemoFacility facility(FacilityKind kind, String code, String name, String kana, String region,
                                         String postalCode, String city, String line, String phone) {
        return new DemoFacility(kind, code, name, kana, region, new PostalAddress(postalCode, "福島県", city, line),
                phone, List.of());
    }

    /** Weekday hours, Saturday's (or none). */
    private static Map<String, List<String>> hours(String weekdays, String saturday) {
        Map<String, List<String>> hours = new java.util.LinkedHashMap<>();
        WEEKDAYS.forEach(day -> hours.put(day, List.of(weekdays)));
        if (saturday != null) {
            hours.put("SATURDAY", List.of(saturday));
        }
        return hours;
    }

    private static ProfileRequest profile(String careType, List<String> departments, List<String> services,
                                          String municipalityCode, String municipalityName, String latitude,
                                          String longitude, String acceptance, String note,
                                          Map<String, List<String>> hours, String desk, String phone, String fax) {
        return new ProfileRequest(careType, departments, services, municipalityCode, municipalityName, latitude,
                longitude, acceptance, note, hours, desk, phone, fax, null, null);
    }
}
