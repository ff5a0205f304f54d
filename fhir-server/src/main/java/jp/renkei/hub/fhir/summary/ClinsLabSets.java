package jp.renkei.hub.fhir.summary;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.context.support.IValidationSupport;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * JP-CLINS's two lab sets, by JLAC10 code: the infection tests (感染症検査項目セット: HBs, HCV, HIV, syphilis) and
 * the core labs (検体検査項目セット: the tests useful in emergencies and for lifestyle diseases). Read from the
 * JP-CLINS CodeSystems when that package is installed ({@code renkei.fhir.ig-packages}); without it, an
 * infection test is recognised by the JLAC10 analyte groups its set consists of (5E 梅毒血清反応 and 5F ウイルス
 * 感染症), and every other lab result counts as a lab.
 */
@Component
public class ClinsLabSets {

    static final String INFECTION_SET =
            "http://jpfhir.jp/fhir/clins/CodeSystem/JLAC10/JP_CLINS_ObsLabResult_InfectionLabo_CS";
    static final String CORE_SET = "http://jpfhir.jp/fhir/clins/CodeSystem/JLAC10/JP_CLINS_ObsLabResult_CoreLabo_CS";
    private static final Logger log = LoggerFactory.getLogger(ClinsLabSets.class);

    private final IValidationSupport validation;
    private volatile Sets sets;

    private record Sets(Optional<Set<String>> infection, Optional<Set<String>> core) {
    }

    public ClinsLabSets(IValidationSupport validation) {
        this.validation = validation;
    }

    /** Whether the result is an infection test. */
    public boolean isInfection(Observation observation) {
        Optional<String> jlac10 = jlac10(observation);
        if (jlac10.isEmpty()) {
            return false;
        }
        return sets().infection().map(set -> set.contains(jlac10.get()))
                .orElseGet(() -> jlac10.get().startsWith("5E") || jlac10.get().startsWith("5F"));
    }

    /** Whether the result belongs in the summary's lab section (core set when known, else any lab result). */
    public boolean isSummaryLab(Observation observation) {
        Optional<String> jlac10 = jlac10(observation);
        boolean laboratory = jlac10.isPresent() || observation.getCategory().stream()
                .flatMap(c -> c.getCoding().stream()).anyMatch(c -> "laboratory".equals(c.getCode()));
        if (!laboratory || isInfection(observation)) {
            return false;
        }
        return sets().core().map(set -> jlac10.isPresent() && set.contains(jlac10.get())).orElse(true);
    }

    private static Optional<String> jlac10(Observation observation) {
        return observation.getCode().getCoding().stream()
                .filter(c -> JpCoreSystems.JLAC10.equals(c.getSystem()) && c.hasCode())
                .map(c -> c.getCode()).findFirst();
    }

    private Sets sets() {
        Sets known = sets;
        if (known == null) {
            known = new Sets(codes(INFECTION_SET), codes(CORE_SET));
            sets = known;
        }
        return known;
    }

    private Optional<Set<String>> codes(String url) {
        IBaseResource found;
        try {
            found = validation.fetchCodeSystem(url);
        } catch (RuntimeException e) {
            found = null;
        }
        if (!(found instanceof CodeSystem codeSystem)) {
            log.info("JP-CLINS CodeSystem {} is not installed: the summary classifies labs without it", url);
            return Optional.empty();
        }
        Set<String> codes = new HashSet<>();
        collect(codeSystem.getConcept(), codes);
        return Optional.of(codes);
    }

    private static void collect(java.util.List<CodeSystem.ConceptDefinitionComponent> concepts, Set<String> codes) {
        for (CodeSystem.ConceptDefinitionComponent concept : concepts) {
            codes.add(concept.getCode());
            collect(concept.getConcept(), codes);
        }
    }
}
