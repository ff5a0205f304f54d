package jp.renkei.hub.regional.signature;

import java.util.Map;

/**
 * The healthcare role an HPKI certificate attests (ISO 17090 hcRole), e.g. {@code Medical Doctor}, with the
 * Japanese name shown next to a letter's signature.
 *
 * @param code      the role as the certificate spells it (codingScheme 1.2.392.100495.1.6.1.1)
 * @param labelJa   the Japanese name of the role, or the code itself for a role this table does not know
 */
public record HcRole(String code, String labelJa) {

    /** The HPKI certificate policy's role names (JAHIS/MHLW HPKI) and their Japanese names. */
    private static final Map<String, String> JAPANESE = Map.ofEntries(
            Map.entry("Medical Doctor", "医師"),
            Map.entry("Dentist", "歯科医師"),
            Map.entry("Pharmacist", "薬剤師"),
            Map.entry("Nurse", "看護師"),
            Map.entry("Public Health Nurse", "保健師"),
            Map.entry("Midwife", "助産師"),
            Map.entry("Medical Technologist", "臨床検査技師"),
            Map.entry("Radiological Technologist", "診療放射線技師"),
            Map.entry("Physical Therapist", "理学療法士"),
            Map.entry("Occupational Therapist", "作業療法士"),
            Map.entry("Registered Dietitian", "管理栄養士"),
            Map.entry("Director of Hospital", "病院長"),
            Map.entry("Director of Clinic", "診療所長"),
            Map.entry("Director of Pharmacy", "管理薬剤師"));

    public static HcRole of(String code) {
        String trimmed = code.strip();
        return new HcRole(trimmed, JAPANESE.getOrDefault(trimmed, trimmed));
    }

    /** Whether the certificate says its holder is a medical doctor: the role a referral letter's signer needs. */
    public boolean isMedicalDoctor() {
        return "Medical Doctor".equals(code);
    }
}
