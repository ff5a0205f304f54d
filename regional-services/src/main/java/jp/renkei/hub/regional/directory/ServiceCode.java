package jp.renkei.hub.regional.directory;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * THE code list of what a facility offers besides its departments: the services a referral desk (地域連携室) asks
 * for when it looks for where a patient can go next. The codes are the hub's own CodeSystem
 * ({@link DirectorySystems#SERVICE}); HealthcareService.type carries them.
 */
public enum ServiceCode {
    HOME_MEDICAL_CARE("home-medical-care", "在宅医療（訪問診療）", "Home medical care (visits)"),
    HOME_CARE_SUPPORT("home-care-support", "在宅療養支援（在支診・在支病）", "Home-care support clinic/hospital"),
    VISITING_NURSING("visiting-nursing", "訪問看護", "Visiting nursing"),
    AROUND_THE_CLOCK("around-the-clock", "24時間対応", "24-hour response"),
    END_OF_LIFE("end-of-life", "看取り", "End-of-life care at home"),
    PALLIATIVE_CARE("palliative-care", "緩和ケア", "Palliative care"),
    REHABILITATION("rehabilitation", "リハビリテーション", "Rehabilitation"),
    SWALLOWING_ASSESSMENT("swallowing-assessment", "嚥下評価", "Swallowing assessment"),
    DEMENTIA_CARE("dementia-care", "認知症対応", "Dementia care"),
    RESPITE_ADMISSION("respite-admission", "レスパイト入院・入所", "Respite admission"),
    DIALYSIS("dialysis", "人工透析", "Dialysis"),
    HOME_OXYGEN("home-oxygen", "在宅酸素療法", "Home oxygen therapy"),
    TUBE_FEEDING("tube-feeding", "経管栄養・胃ろう管理", "Tube feeding and gastrostomy care"),
    HOME_VISIT_DENTISTRY("home-visit-dentistry", "訪問歯科診療", "Home-visit dentistry"),
    HOME_VISIT_PHARMACY("home-visit-pharmacy", "在宅訪問薬剤管理", "Home-visit pharmacy"),
    NARCOTICS_DISPENSING("narcotics-dispensing", "医療用麻薬の調剤", "Dispensing of medical narcotics"),
    SHORT_STAY("short-stay", "短期入所（ショートステイ）", "Short stay"),
    DAY_CARE("day-care", "通所リハビリ・デイケア", "Day care and outpatient rehabilitation");

    private final String code;
    private final String japanese;
    private final String english;

    ServiceCode(String code, String japanese, String english) {
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

    public static Optional<ServiceCode> ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
