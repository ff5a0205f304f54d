package jp.renkei.hub.fhir.dispensing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The duplicate-medication check (重複投薬チェック). For every pair of courses whose periods overlap and which
 * came from a different prescriber or a different pharmacy, the first rule that matches makes one finding:
 * <ol>
 *   <li>{@link MedicationFinding.Rule#SAME_INGREDIENT}: both have a YJ code and its first 7 characters agree,
 *       or both hold the same ingredient of {@link DrugClassTable} (e.g. OTC aspirin and バイアスピリン);</li>
 *   <li>{@link MedicationFinding.Rule#SAME_PRODUCT}: one lacks a YJ code, both have a HOT code and their HOT7
 *       prefixes agree (HOT codes name products; nothing finer about ingredients can be read from them);</li>
 *   <li>{@link MedicationFinding.Rule#SAME_DRUG_CLASS}: both hold ingredients of one class of
 *       {@link DrugClassTable} (NSAID, antiplatelet), e.g. OTC aspirin and a prescribed loxoprofen;</li>
 *   <li>{@link MedicationFinding.Rule#SAME_THERAPEUTIC_CLASS}: both have a YJ code and its first 4 characters
 *       (薬効分類) agree.</li>
 * </ol>
 * There is no drug-interaction database behind this: only what the codes carry and the small, sourced
 * {@link DrugClassTable}. Pharmacy and prescriber are those the records name ({@link MedicationCourses}), so
 * one uploaded notebook listing two pharmacies can hold a finding. OTC drugs (MedicationStatement) take part.
 */
public final class MedicationCheck {

    private MedicationCheck() {
    }

    /** Findings for {@code courses} (newest first in, newest pair first out). */
    public static List<MedicationFinding> findings(List<MedicationCourse> courses) {
        List<MedicationFinding> findings = new ArrayList<>();
        for (int i = 0; i < courses.size(); i++) {
            for (int j = i + 1; j < courses.size(); j++) {
                MedicationCourse a = courses.get(i);
                MedicationCourse b = courses.get(j);
                if (a.overlaps(b) && a.fromElsewhere(b)) {
                    match(a, b).ifPresent(findings::add);
                }
            }
        }
        return findings;
    }

    static Optional<MedicationFinding> match(MedicationCourse a, MedicationCourse b) {
        DrugCode x = a.drug();
        DrugCode y = b.drug();
        if (x.ingredient().isPresent() && x.ingredient().equals(y.ingredient())) {
            return finding(MedicationFinding.Rule.SAME_INGREDIENT, "YJ " + x.ingredient().get(), a, b);
        }
        Optional<DrugClassTable.Ingredient> shared = x.known().stream().filter(y.known()::contains)
                .min(Comparator.comparing(DrugClassTable.Ingredient::name));
        if (shared.isPresent()) {
            return finding(MedicationFinding.Rule.SAME_INGREDIENT, shared.get().name(), a, b);
        }
        if ((x.yj().isEmpty() || y.yj().isEmpty()) && x.hot7().isPresent() && x.hot7().equals(y.hot7())) {
            return finding(MedicationFinding.Rule.SAME_PRODUCT, "HOT7 " + x.hot7().get(), a, b);
        }
        Optional<DrugClassTable.DrugClass> sharedClass = Arrays.stream(DrugClassTable.DrugClass.values())
                .filter(c -> holds(x, c) && holds(y, c)).findFirst();
        if (sharedClass.isPresent()) {
            return finding(MedicationFinding.Rule.SAME_DRUG_CLASS, sharedClass.get().label(), a, b);
        }
        if (x.therapeuticClass().isPresent() && x.therapeuticClass().equals(y.therapeuticClass())) {
            return finding(MedicationFinding.Rule.SAME_THERAPEUTIC_CLASS, "YJ " + x.therapeuticClass().get(), a, b);
        }
        return Optional.empty();
    }

    private static boolean holds(DrugCode drug, DrugClassTable.DrugClass drugClass) {
        return drug.known().stream().anyMatch(i -> i.classes().contains(drugClass));
    }

    private static Optional<MedicationFinding> finding(MedicationFinding.Rule rule, String key, MedicationCourse a,
                                                       MedicationCourse b) {
        return Optional.of(new MedicationFinding(rule, key, a, b));
    }
}
