package jp.renkei.hub.fhir.dispensing;

import java.text.Normalizer;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * A small table of ingredients whose duplication the codes alone do not show: aspirin is an analgesic (YJ
 * category 1143) and an antiplatelet drug (3399), and NSAIDs are spread over several YJ categories, so "same YJ
 * category" misses OTC aspirin beside a prescribed NSAID or antiplatelet drug. OTC drugs (JAHIS record 3) often
 * carry no code at all, only their name.
 * <p>
 * Where the data comes from: class membership is the WHO ATC classification (M01A anti-inflammatory and
 * antirheumatic products, non-steroids; N02BA salicylic acid and derivatives; B01AC platelet aggregation
 * inhibitors excl. heparin) and, for loxoprofen, which has no ATC code, KEGG DRUG group DG01504 (NSAID). The YJ
 * ingredient prefixes are those printed in the package inserts (添付文書) of バイアスピリン錠 (3399007), プラビックス錠
 * (3399008), エフィエント錠 (3399009) and ブルフェン錠 (1149001). Names are the Japanese generic names (一般名), so a drug is
 * recognised by a YJ prefix in the table or by its generic name in its text or coding display; brand names alone
 * (e.g. ロキソニン) are not recognised. Drugs for external use (YJ category 26xx, e.g. a loxoprofen tape) are
 * left out: their systemic exposure is not what this warns about.
 */
public final class DrugClassTable {

    /** A class of drugs the table knows. */
    public enum DrugClass {
        NSAID("NSAID (非ステロイド性抗炎症薬)"),
        ANTIPLATELET("抗血小板薬");

        private final String label;

        DrugClass(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One ingredient: its generic name, further names it is written as, YJ 7-character prefixes, classes. */
    public record Ingredient(String name, List<String> otherNames, List<String> yjPrefixes, Set<DrugClass> classes) {
    }

    private static final List<Ingredient> TABLE = List.of(
            new Ingredient("アスピリン", List.of("アセチルサリチル酸"), List.of("3399007"),
                    EnumSet.of(DrugClass.NSAID, DrugClass.ANTIPLATELET)),
            new Ingredient("エテンザミド", List.of(), List.of(), EnumSet.of(DrugClass.NSAID)),
            new Ingredient("イブプロフェン", List.of(), List.of("1149001"), EnumSet.of(DrugClass.NSAID)),
            new Ingredient("ロキソプロフェン", List.of(), List.of(), EnumSet.of(DrugClass.NSAID)),
            new Ingredient("ナプロキセン", List.of(), List.of(), EnumSet.of(DrugClass.NSAID)),
            new Ingredient("ジクロフェナク", List.of(), List.of(), EnumSet.of(DrugClass.NSAID)),
            new Ingredient("インドメタシン", List.of(), List.of(), EnumSet.of(DrugClass.NSAID)),
            new Ingredient("セレコキシブ", List.of(), List.of(), EnumSet.of(DrugClass.NSAID)),
            new Ingredient("メロキシカム", List.of(), List.of(), EnumSet.of(DrugClass.NSAID)),
            new Ingredient("クロピドグレル", List.of(), List.of("3399008"), EnumSet.of(DrugClass.ANTIPLATELET)),
            new Ingredient("プラスグレル", List.of(), List.of("3399009"), EnumSet.of(DrugClass.ANTIPLATELET)),
            new Ingredient("チクロピジン", List.of(), List.of(), EnumSet.of(DrugClass.ANTIPLATELET)),
            new Ingredient("シロスタゾール", List.of(), List.of(), EnumSet.of(DrugClass.ANTIPLATELET)));

    private DrugClassTable() {
    }

    /** The table's ingredients in the drug: by YJ prefix of any YJ coding, or by generic name in its texts. */
    public static Set<Ingredient> ingredientsOf(CodeableConcept concept) {
        List<String> yjCodes = concept.getCoding().stream()
                .filter(c -> c.hasSystem() && DrugCode.YJ_SYSTEMS.contains(c.getSystem()) && c.hasCode()).map(Coding::getCode).toList();
        if (yjCodes.stream().anyMatch(code -> code.startsWith("26"))) {
            return Set.of();
        }
        StringBuilder texts = new StringBuilder(concept.hasText() ? concept.getText() : "");
        concept.getCoding().stream().filter(Coding::hasDisplay).forEach(c -> texts.append('\n').append(c.getDisplay()));
        String text = Normalizer.normalize(texts, Normalizer.Form.NFKC);
        Set<Ingredient> found = new LinkedHashSet<>();
        for (Ingredient ingredient : TABLE) {
            boolean byCode = yjCodes.stream().anyMatch(code -> ingredient.yjPrefixes().stream().anyMatch(code::startsWith));
            boolean byName = text.contains(ingredient.name()) || ingredient.otherNames().stream().anyMatch(text::contains);
            if (byCode || byName) {
                found.add(ingredient);
            }
        }
        return found;
    }
}
