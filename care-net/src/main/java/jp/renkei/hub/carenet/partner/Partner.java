package jp.renkei.hub.carenet.partner;

import java.time.LocalDate;

import jp.renkei.hub.core.facility.FacilityKind;

/**
 * A partner institution: a facility whose staff were active (posted, commented or read) in rooms where the
 * requesting facility's staff were active too, in the period.
 *
 * @param medicalInstitutionCode {@code null} for kinds without one (care offices, …)
 * @param sharedRooms            in how many rooms (patients) both were active
 * @param lastShared             the last day (Japan) on which the partner was active in one of those rooms
 */
public record Partner(String facilityId, String name, FacilityKind kind, String medicalInstitutionCode,
                      int sharedRooms, LocalDate lastShared) {

    /** The kind as the notification lists it (病院, 訪問看護ステーション, …). */
    public String kindLabel() {
        return switch (kind) {
            case HOSPITAL -> "病院";
            case CLINIC -> "診療所";
            case DENTAL_CLINIC -> "歯科診療所";
            case PHARMACY -> "薬局";
            case VISITING_NURSE_STATION -> "訪問看護ステーション";
            case CARE_MANAGEMENT_OFFICE -> "居宅介護支援事業所";
            case CARE_FACILITY -> "介護サービス事業所・施設";
            case LAB_CENTER -> "検査センター";
            case MUNICIPALITY -> "市町村";
            case HUB_OPERATOR -> "地域の支援センター";
        };
    }
}
