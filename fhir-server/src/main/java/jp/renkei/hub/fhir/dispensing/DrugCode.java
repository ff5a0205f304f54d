package jp.renkei.hub.fhir.dispensing;

import java.util.Optional;
import java.util.Set;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The parts of a drug's Japanese codes that the duplicate check compares — only what the codes themselves
 * say, no drug database:
 * <ul>
 *   <li>YJ code (12 characters): characters 1–4 are the therapeutic category (薬効分類), characters 1–7 name the
 *       ingredient with its route (the "same ingredient" prefix; 8 onwards are dosage form, strength and brand);</li>
 *   <li>HOT codes (HOT7, HOT9, HOT13): the first 7 digits (HOT7, 処方用番号) name one product — brand and
 *       strength. Equal HOT7 means the same product, hence the same ingredient; different HOT7 says nothing
 *       (generic and original of one ingredient differ), and HOT codes carry no therapeutic category.</li>
 * </ul>
 * Systems are recognised under JP Core's OIDs and canonical URLs, and the hub's own constants.
 *
 * @param yj   the YJ code, when the drug carries one
 * @param hot7 the HOT7 product prefix (from a HOT7, HOT9 or HOT13 code), when the drug carries one
 * @param text what people read: the display of the coding used, or the concept's text
 * @param known the ingredients of {@link DrugClassTable} the drug holds (by YJ prefix or generic name)
 */
public record DrugCode(Optional<String> yj, Optional<String> hot7, String text, Set<DrugClassTable.Ingredient> known) {

    public DrugCode {
        known = Set.copyOf(known);
    }

    static final Set<String> YJ_SYSTEMS = JpCoreSystems.YJ_SYSTEMS;
    static final Set<String> HOT_SYSTEMS = JpCoreSystems.HOT_SYSTEMS;

    /** Characters of a YJ code naming ingredient and route. */
    public static final int YJ_INGREDIENT_LENGTH = 7;
    /** Characters of a YJ code naming the therapeutic category (薬効分類). */
    public static final int YJ_CLASS_LENGTH = 4;
    /** Digits of a HOT code naming the product. */
    public static final int HOT7_LENGTH = 7;

    public static DrugCode of(CodeableConcept concept) {
        Optional<Coding> yj = concept.getCoding().stream()
                .filter(c -> c.hasSystem() && YJ_SYSTEMS.contains(c.getSystem()) && c.hasCode() && c.getCode().length() >= YJ_INGREDIENT_LENGTH)
                .findFirst();
        Optional<Coding> hot = concept.getCoding().stream()
                .filter(c -> c.hasSystem() && HOT_SYSTEMS.contains(c.getSystem()) && c.hasCode() && c.getCode().length() >= HOT7_LENGTH)
                .findFirst();
        String text = yj.or(() -> hot).filter(Coding::hasDisplay).map(Coding::getDisplay)
                .orElseGet(() -> concept.hasText() ? concept.getText()
                        : concept.getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay).findFirst()
                        .orElse("(名称なし)"));
        return new DrugCode(yj.map(Coding::getCode), hot.map(c -> c.getCode().substring(0, HOT7_LENGTH)), text,
                DrugClassTable.ingredientsOf(concept));
    }

    /** YJ characters 1–7, the same-ingredient key. */
    public Optional<String> ingredient() {
        return yj.map(code -> code.substring(0, YJ_INGREDIENT_LENGTH));
    }

    /** YJ characters 1–4, the therapeutic category. */
    public Optional<String> therapeuticClass() {
        return yj.map(code -> code.substring(0, YJ_CLASS_LENGTH));
    }

    /** What the codes say for the readable text, e.g. {@code YJ 2149039F1} or {@code HOT7 1234567}. */
    public String codeText() {
        return yj.map(c -> "YJ " + c).or(() -> hot7.map(c -> "HOT7 " + c)).orElse("コードなし");
    }
}
