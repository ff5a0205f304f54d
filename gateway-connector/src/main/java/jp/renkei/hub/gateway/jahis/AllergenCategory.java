package jp.renkei.hub.gateway.jahis;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCategory;

/**
 * The category of an allergy a notebook names only as text (record 2, kind 1): JAHIS has no allergen code, but
 * the summary separates drug allergies (薬剤アレルギー等) from the others, and a pharmacist must see 「セフェム系」
 * among the drug allergies. Decided by words: drug words first (so 乳酸菌製剤 is a drug), then food, then
 * environment; a text with none of them gets no category (shown among the other allergies), never a guess.
 */
final class AllergenCategory {

    private static final List<String> MEDICATION = List.of("薬", "剤", "系", "抗生", "抗菌", "ペニシリン", "セフェム",
            "セフ", "マクロライド", "キノロン", "テトラサイクリン", "サルファ", "アスピリン", "ピリン", "NSAID", "ＮＳＡＩＤ",
            "解熱鎮痛", "造影", "ヨード", "麻酔", "ワクチン", "インスリン", "錠", "カプセル", "注射", "mg", "ｍｇ");
    private static final List<String> FOOD = List.of("乳", "卵", "たまご", "小麦", "そば", "蕎麦", "ソバ", "落花生",
            "ピーナッツ", "えび", "エビ", "海老", "かに", "カニ", "蟹", "大豆", "魚", "さば", "サバ", "貝", "果物", "キウイ",
            "もも", "りんご", "ナッツ", "くるみ", "ごま", "食品", "食物", "肉", "いくら", "やまいも");
    private static final List<String> ENVIRONMENT = List.of("花粉", "スギ", "ヒノキ", "ダニ", "ハウスダスト", "金属",
            "ラテックス", "ゴム", "動物", "猫", "ネコ", "犬", "イヌ", "カビ", "ハチ", "蜂", "虫");

    private AllergenCategory() {
    }

    static Optional<AllergyIntoleranceCategory> of(String text) {
        if (containsAny(text, MEDICATION)) {
            return Optional.of(AllergyIntoleranceCategory.MEDICATION);
        }
        if (containsAny(text, FOOD)) {
            return Optional.of(AllergyIntoleranceCategory.FOOD);
        }
        if (containsAny(text, ENVIRONMENT)) {
            return Optional.of(AllergyIntoleranceCategory.ENVIRONMENT);
        }
        return Optional.empty();
    }

    private static boolean containsAny(String text, List<String> words) {
        return words.stream().anyMatch(text::contains);
    }
}
