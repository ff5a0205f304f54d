package jp.renkei.hub.regional.directory;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What sort of care facility (hub-core's {@code CARE_FACILITY}) a facility is: the registry knows only "a care
 * facility", a referral desk needs to tell a 老健 from a 特養. Only facilities of kind CARE_FACILITY carry one.
 */
public enum CareFacilityType {
    ROKEN("roken", "介護老人保健施設（老健）", "Long-term care health facility (rōken)"),
    TOKUYO("tokuyo", "特別養護老人ホーム（特養）", "Special nursing home (tokuyō)"),
    CARE_MEDICAL_INSTITUTE("care-medical-institute", "介護医療院", "Integrated care hospital"),
    GROUP_HOME("group-home", "認知症グループホーム", "Dementia group home"),
    SERVICED_HOUSING("serviced-housing", "サービス付き高齢者向け住宅", "Serviced housing for the elderly"),
    PAID_NURSING_HOME("paid-nursing-home", "有料老人ホーム", "Private nursing home");

    private final String code;
    private final String japanese;
    private final String english;

    CareFacilityType(String code, String japanese, String english) {
        this.code = code;
        this.japanese = japanese;
        this.english = english;
    }

    /** The code in JSON and in FHIR. */
    @JsonValue
    public String code() {
        return code;
    }

    public String japanese() {
        return japanese;
    }

    public String english() {
        return english;
    }

    public static Optional<CareFacilityType> ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
