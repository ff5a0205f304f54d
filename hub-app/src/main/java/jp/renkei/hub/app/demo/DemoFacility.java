package jp.renkei.hub.app.demo;

import java.util.List;

/**
 * A participating facility of the demo network.
 *
 * @param code         the 10-digit medical-institution code (prefecture 07 = Fukushima; 1 = medical,
 *                     4 = pharmacy), or a care-office number for facilities outside the medical fee schedule
 * @param medical      whether {@code code} is a medical-institution code
 */
public record DemoFacility(String code, String name, String kana, String type, boolean medical) {

    public static final DemoFacility HOSPITAL =
            new DemoFacility("0710100017", "福島中央総合病院", "フクシマチュウオウソウゴウビョウイン", "prov", true);
    public static final DemoFacility CLINIC =
            new DemoFacility("0710200023", "あいづ内科クリニック", "アイヅナイカクリニック", "prov", true);
    public static final DemoFacility PHARMACY =
            new DemoFacility("0740300015", "さくら調剤薬局 郡山店", "サクラチョウザイヤッキョクコオリヤマテン", "prov", true);
    public static final DemoFacility CARE_OFFICE =
            new DemoFacility("0770400012", "ケアプランセンターみらい", "ケアプランセンターミライ", "other", false);

    public static final List<DemoFacility> ALL = List.of(HOSPITAL, CLINIC, PHARMACY, CARE_OFFICE);
}
