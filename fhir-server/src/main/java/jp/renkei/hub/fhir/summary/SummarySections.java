package jp.renkei.hub.fhir.summary;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jp.renkei.hub.fhir.views.PatientData;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Sorts a patient's visible data into the summary's sections: JP-CLINS's five kinds of information (傷病名,
 * 薬剤アレルギー等 and その他アレルギー等, 感染症, 検査, 処方; JP-CLINS section codes) and the hub's extras
 * (調剤, 受診歴, 画像検査; LOINC section codes). Lab and infection sections hold the latest result of each test;
 * the others are newest first, up to a limit per section.
 */
@Component
public class SummarySections {

    /** Resource types the summary reads. */
    public static final List<String> TYPES = List.of("Condition", "AllergyIntolerance", "Observation",
            "MedicationRequest", "MedicationDispense", "Encounter", "ImagingStudy");
    static final int RECENT_PRESCRIPTIONS = 50;
    static final int RECENT_DISPENSES = 50;
    static final int RECENT_ENCOUNTERS = 20;
    static final int RECENT_IMAGING = 20;

    private final ClinsLabSets labSets;

    public SummarySections(ClinsLabSets labSets) {
        this.labSets = labSets;
    }

    public List<SummarySection> of(PatientData data) {
        List<Observation> observations = data.all(Observation.class);
        List<AllergyIntolerance> allergies = data.all(AllergyIntolerance.class);
        Predicate<AllergyIntolerance> drug = a -> a.getCategory().stream()
                .anyMatch(c -> c.getValue() == AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION);
        return List.of(
                new SummarySection(SummarySection.clins("340", "傷病名・主訴セクション"), "傷病名",
                        newest(data.all(Condition.class), Integer.MAX_VALUE)),
                new SummarySection(SummarySection.clins("510", "アレルギー・不耐性反応セクション"), "薬剤アレルギー等",
                        newest(allergies.stream().filter(drug).toList(), Integer.MAX_VALUE)),
                new SummarySection(SummarySection.clins("510", "アレルギー・不耐性反応セクション"), "その他アレルギー等",
                        newest(allergies.stream().filter(drug.negate()).toList(), Integer.MAX_VALUE)),
                new SummarySection(SummarySection.clins("520", "感染症情報セクション"), "感染症",
                        latestPerTest(observations.stream().filter(labSets::isInfection).toList())),
                new SummarySection(SummarySection.clins("620", "検査結果セクション"), "検査 (救急時・生活習慣病)",
                        latestPerTest(observations.stream().filter(labSets::isSummaryLab).toList())),
                new SummarySection(SummarySection.clins("430", "投薬指示セクション"), "処方",
                        newest(data.all(MedicationRequest.class), RECENT_PRESCRIPTIONS)),
                new SummarySection(SummarySection.loinc("10160-0", "History of Medication use Narrative"), "調剤",
                        newest(data.all(MedicationDispense.class), RECENT_DISPENSES)),
                new SummarySection(SummarySection.loinc("46240-8", "History of Hospitalizations+Outpatient visits Narrative"),
                        "受診歴", newest(data.all(Encounter.class), RECENT_ENCOUNTERS)),
                new SummarySection(SummarySection.loinc("18748-4", "Diagnostic imaging study"), "画像検査",
                        newest(data.all(ImagingStudy.class), RECENT_IMAGING)));
    }

    private static List<Resource> newest(List<? extends Resource> resources, int limit) {
        List<Resource> sorted = new ArrayList<>(resources);
        sorted.sort(NEWEST_FIRST);
        return sorted.subList(0, Math.min(limit, sorted.size()));
    }

    /** The newest result of each test (by its first coding, else its text), tests ordered newest first. */
    private static List<Resource> latestPerTest(List<Observation> observations) {
        Map<String, Resource> latest = new LinkedHashMap<>();
        for (Resource observation : newest(observations, Integer.MAX_VALUE)) {
            latest.putIfAbsent(testKey((Observation) observation), observation);
        }
        return List.copyOf(latest.values());
    }

    private static String testKey(Observation observation) {
        return observation.getCode().getCoding().stream().filter(c -> c.hasCode())
                .map(c -> c.getSystem() + "|" + c.getCode()).findFirst().orElse(observation.getCode().getText());
    }

    private static final Comparator<Resource> NEWEST_FIRST = Comparator
            .comparing((Resource r) -> SummaryRow.of(r).date(), Comparator.nullsLast(Comparator.<LocalDate>reverseOrder()))
            .thenComparing(r -> r.getIdElement().getIdPart(), Comparator.nullsLast(Comparator.<String>naturalOrder()));
}
