package jp.renkei.hub.fhir.dispensing;

/**
 * Two courses of the same ingredient or class whose periods overlap, from different prescribers or pharmacies.
 *
 * @param rule   which rule matched
 * @param key    what they share, for people: {@code YJ 2149039}, {@code アスピリン}, {@code HOT7 1234567},
 *               {@code YJ 2149} or a class label such as {@code 抗血小板薬}
 * @param first  the newer course
 * @param second the older course
 */
public record MedicationFinding(Rule rule, String key, MedicationCourse first, MedicationCourse second) {

    /** The documented duplicate rules, strongest first. */
    public enum Rule {
        /** Same YJ characters 1–7 (ingredient and route), or the same ingredient of {@link DrugClassTable}. */
        SAME_INGREDIENT("same-ingredient", "同一成分"),
        /** Same HOT7 (the same product), where a YJ code is missing. */
        SAME_PRODUCT("same-product", "同一製品 (HOT7)"),
        /** Different ingredients of one class of {@link DrugClassTable} (NSAID, antiplatelet). */
        SAME_DRUG_CLASS("same-drug-class", "同効薬"),
        /** Same YJ characters 1–4 (薬効分類), different ingredient. */
        SAME_THERAPEUTIC_CLASS("same-therapeutic-class", "同一薬効分類");

        private final String code;
        private final String label;

        Rule(String code, String label) {
            this.code = code;
            this.label = label;
        }

        public String code() {
            return code;
        }

        public String label() {
            return label;
        }
    }
}
