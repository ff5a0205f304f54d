package jp.renkei.hub.regional.directory;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Departments (診療科) a facility can list, by their codes in the SS-MIX2 clinical-department table
 * ({@link DirectorySystems#DEPARTMENT}, the system JP Core and JP-CLINS use for departments), so a directory
 * entry and a referral letter name a department the same way. Only the departments a referral desk searches
 * for are offered.
 */
public enum Department {
    INTERNAL_MEDICINE("01", "内科", "Internal medicine"),
    PSYCHIATRY("02", "精神科", "Psychiatry"),
    NEUROLOGY("04", "神経内科", "Neurology"),
    RESPIRATORY("05", "呼吸器科", "Respiratory medicine"),
    GASTROENTEROLOGY("06", "消化器科", "Gastroenterology"),
    CARDIOLOGY("08", "循環器科", "Cardiology"),
    PEDIATRICS("09", "小児科", "Pediatrics"),
    SURGERY("10", "外科", "Surgery"),
    ORTHOPEDICS("11", "整形外科", "Orthopedics"),
    NEUROSURGERY("14", "脳神経外科", "Neurosurgery"),
    DERMATOLOGY("19", "皮膚科", "Dermatology"),
    UROLOGY("20", "泌尿器科", "Urology"),
    OBSTETRICS_GYNECOLOGY("23", "産婦人科", "Obstetrics and gynecology"),
    OPHTHALMOLOGY("26", "眼科", "Ophthalmology"),
    OTORHINOLARYNGOLOGY("27", "耳鼻咽喉科", "Otorhinolaryngology"),
    RADIOLOGY("29", "放射線科", "Radiology"),
    ANESTHESIOLOGY("30", "麻酔科", "Anesthesiology"),
    DIALYSIS("31", "人工透析科", "Dialysis"),
    PSYCHOSOMATIC("32", "心療内科", "Psychosomatic medicine"),
    REHABILITATION("35", "リハビリテーション科", "Rehabilitation medicine"),
    DENTISTRY("40", "歯科", "Dentistry"),
    ORAL_SURGERY("43", "歯科口腔外科", "Oral surgery");

    private final String code;
    private final String japanese;
    private final String english;

    Department(String code, String japanese, String english) {
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

    public static Optional<Department> ofCode(String code) {
        return Arrays.stream(values()).filter(d -> d.code.equals(code)).findFirst();
    }
}
