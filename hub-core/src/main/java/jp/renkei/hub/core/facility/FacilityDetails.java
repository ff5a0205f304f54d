package jp.renkei.hub.core.facility;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a facility tells the network about itself and may later correct: names, address, region, contact
 * and the AE titles of its imaging systems. Its kind and medical-institution code are not details: they
 * are fixed when the facility applies.
 *
 * @param name      the official name, usually in kanji (e.g. 福島中央総合病院)
 * @param nameKana  its reading in full-width katakana, for sorting and search
 * @param region    the secondary medical area the facility belongs to (e.g. 県北, 会津)
 * @param aeTitles  DICOM AE titles, each unique across the hub; empty when the facility sends no images
 */
public record FacilityDetails(String name, String nameKana, PostalAddress address, String region,
                              FacilityContact contact, List<AeTitle> aeTitles) {

    public static final int NAME_MAX = 200;
    public static final int REGION_MAX = 50;
    /** Katakana letters ァ..ヺ, the long-vowel mark ー and the full-width space; at least one non-space. */
    public static final String KANA_PATTERN =
            "[\\u30A1-\\u30FA\\u30FC\\u3000]*[\\u30A1-\\u30FA\\u30FC][\\u30A1-\\u30FA\\u30FC\\u3000]*";
    public static final String KANA_RULE = "must be full-width katakana, ー or full-width spaces";

    public FacilityDetails {
        Checks.required("name", name, NAME_MAX);
        Checks.required("nameKana", nameKana, NAME_MAX);
        if (!nameKana.matches(KANA_PATTERN)) {
            String offending = nameKana.codePoints().filter(c -> !isKana(c))
                    .mapToObj(Character::toString).findFirst().orElse(nameKana);
            throw new InvalidFacilityField("nameKana", KANA_RULE + "; '" + offending + "' is not");
        }
        Objects.requireNonNull(address, "address");
        Checks.required("region", region, REGION_MAX);
        Objects.requireNonNull(contact, "contact");
        aeTitles = aeTitles == null ? List.of() : List.copyOf(aeTitles);
        Set<AeTitle> seen = new HashSet<>();
        for (AeTitle title : aeTitles) {
            if (!seen.add(title)) {
                throw new InvalidFacilityField("aeTitles", "lists '" + title + "' twice");
            }
        }
    }

    private static boolean isKana(int c) {
        return c >= 0x30A1 && c <= 0x30FA || c == 0x30FC || c == 0x3000;
    }
}
