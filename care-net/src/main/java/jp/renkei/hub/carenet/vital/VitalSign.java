package jp.renkei.hub.carenet.vital;

import java.util.Arrays;
import java.util.Optional;

/**
 * The vital signs of the バイタル template, with the one mapping of each to its LOINC code and UCUM unit, used by
 * the FHIR view (Observation) and the trend chart alike. LOINC as in JP Core's and FHIR's vital-signs profiles;
 * no JLAC10 code: JLAC10 codes laboratory tests, and it has none for these bedside measurements.
 *
 * @param item  the template item code (hub.care_template, VITALS)
 * @param label what the room shows
 * @param loinc the LOINC code of the measurement
 * @param ucum  the UCUM unit code
 * @param unit  the unit as people read it (the template's)
 */
public enum VitalSign {

    TEMPERATURE("temperature", "体温", "8310-5", "Body temperature", "Cel", "℃"),
    SYSTOLIC("systolic", "血圧（収縮期）", "8480-6", "Systolic blood pressure", "mm[Hg]", "mmHg"),
    DIASTOLIC("diastolic", "血圧（拡張期）", "8462-4", "Diastolic blood pressure", "mm[Hg]", "mmHg"),
    PULSE("pulse", "脈拍", "8867-4", "Heart rate", "/min", "回/分"),
    SPO2("spo2", "SpO2", "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "%", "%"),
    WEIGHT("weight", "体重", "29463-7", "Body weight", "kg", "kg");

    /** The template category whose entries hold vital signs. */
    public static final String CATEGORY = "VITALS";
    /** Blood pressure is one Observation: this panel, with systolic and diastolic as components. */
    public static final String BLOOD_PRESSURE_LOINC = "85354-9";
    public static final String BLOOD_PRESSURE_DISPLAY = "Blood pressure panel with all children optional";
    /** The general oxygen-saturation code FHIR's vital-signs profile asks for beside the pulse-oximetry one. */
    public static final String OXYGEN_SATURATION_LOINC = "2708-6";

    private final String item;
    private final String label;
    private final String loinc;
    private final String loincDisplay;
    private final String ucum;
    private final String unit;

    VitalSign(String item, String label, String loinc, String loincDisplay, String ucum, String unit) {
        this.item = item;
        this.label = label;
        this.loinc = loinc;
        this.loincDisplay = loincDisplay;
        this.ucum = ucum;
        this.unit = unit;
    }

    public static Optional<VitalSign> ofItem(String item) {
        return Arrays.stream(values()).filter(v -> v.item.equals(item)).findFirst();
    }

    public boolean bloodPressure() {
        return this == SYSTOLIC || this == DIASTOLIC;
    }

    public String item() {
        return item;
    }

    public String label() {
        return label;
    }

    public String loinc() {
        return loinc;
    }

    public String loincDisplay() {
        return loincDisplay;
    }

    public String ucum() {
        return ucum;
    }

    public String unit() {
        return unit;
    }
}
