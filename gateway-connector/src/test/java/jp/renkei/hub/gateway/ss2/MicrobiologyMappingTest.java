package jp.renkei.hub.gateway.ss2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.Test;

/**
 * A sputum culture (OML-11, OUL^R22, 17-digit MSH-7) with two organisms — MRSA and Klebsiella pneumoniae — their
 * growth and an antibiogram each, mapped to JP Core's microbiology model.
 */
class MicrobiologyMappingTest {

    static final String CULTURE =
            "123/456/1234567/20240312/OML-11/1234567_20240312_OML-11_000000011000777_20240315143012123_01_1";

    private final Ss2Samples.Mapped mapped = Ss2Samples.own(CULTURE);

    @Test
    void seventeenDigitMsh7Parses() throws Exception {
        var message = jp.renkei.hub.gateway.hl7.Hl7Parser.parse(jp.renkei.hub.gateway.hl7.Iso2022Jp.decode(
                Ss2Samples.read(Ss2Samples.OWN.resolve(CULTURE))));

        assertThat(message.msh().get(7)).isEqualTo("20240315143012123");
        assertThat(Hl7MessageIngest.identify("facility", message).version())
                .isEqualTo(LocalDateTime.parse("2024-03-15T14:30:12.123"));
        assertThat(mapped.failure()).isNull();
    }

    @Test
    void theOrganismObservationsCarryTheOrganismCodes() {
        List<Observation> organisms = byCategory("organism");

        assertThat(organisms).hasSize(2);
        assertThat(organisms).extracting(o -> o.getValueCodeableConcept().getCodingFirstRep())
                .extracting(Coding::getSystem, Coding::getCode, Coding::getDisplay)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(JpCoreSystems.INFECTIOUS_AGENT, "1303",
                                "Staphylococcus aureus (MRSA)"),
                        org.assertj.core.groups.Tuple.tuple(JpCoreSystems.INFECTIOUS_AGENT, "2351",
                                "Klebsiella pneumoniae subsp. pneumoniae"));
        // and in code, as JP_Observation_Microbiology's infectious-agent slice
        assertThat(organisms).extracting(o -> o.getCode().getCoding().stream()
                        .filter(c -> JpCoreSystems.INFECTIOUS_AGENT.equals(c.getSystem())).map(Coding::getCode).toList())
                .containsExactly(List.of("1303"), List.of("2351"));
        assertThat(organisms).allSatisfy(o -> {
            assertThat(o.getCode().getCodingFirstRep().getSystem()).isEqualTo(JpCoreSystems.JLAC10);
            assertThat(o.getCode().getCodingFirstRep().getCode()).isEqualTo("6B010000006174149");
            assertThat(o.getMeta().getProfile().get(0).getValue()).isEqualTo(JpCoreSystems.JP_OBSERVATION_MICROBIOLOGY);
            assertThat(o.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2024-03-15T09:00:00+09:00");
        });
    }

    @Test
    void growthAsTextOrQuantityAndIsolateRemarks() {
        List<Observation> growth = byCategory("growth");

        assertThat(growth).hasSize(2);
        assertThat(growth.get(0).getValueStringType().getValue()).isEqualTo("3+");
        assertThat(growth.get(1).getValueQuantity().getValue()).isEqualByComparingTo("1000000");
        assertThat(growth.get(1).getValueQuantity().getCode()).isEqualTo("/mL");
        assertThat(byCategory("others")).extracting(o -> o.getValueStringType().getValue())
                .containsExactly("ESBL産生なし");
        assertThat(byCategory("gram-stain")).extracting(o -> o.getValueStringType().getValue())
                .containsExactly("グラム陽性球菌(GPC) 2+、グラム陰性桿菌(GNR) 1+");
    }

    @Test
    void eachIsolateIsAPanelWithItsOrganismGrowthAndAntibiogram() {
        Map<String, Observation> byId = observations().stream()
                .collect(Collectors.toMap(o -> "Observation/" + o.getIdElement().getIdPart(), Function.identity()));
        List<Observation> panels = byCategory("organism-panels");
        assertThat(panels).hasSize(2);

        Observation mrsa = panels.get(0);
        List<Observation> members = mrsa.getHasMember().stream().map(r -> byId.get(r.getReference())).toList();
        assertThat(members).extracting(this::category)
                .containsExactly("organism", "growth", "susceptibility-panels");
        Observation antibiogram = members.get(2);
        assertThat(antibiogram.getCode().getCodingFirstRep().getCode()).isEqualTo("1303");
        List<Observation> mics = antibiogram.getHasMember().stream().map(r -> byId.get(r.getReference())).toList();
        assertThat(mics).extracting(o -> o.getCode().getCodingFirstRep().getDisplay())
                .containsExactly("MPIPC", "CEZ", "LVFX", "VCM", "TEIC", "LZD");
        assertThat(mics).allSatisfy(o -> assertThat(o.getCode().getCodingFirstRep().getSystem())
                .isEqualTo(JpCoreSystems.ANTIMICROBIAL_DRUG));
        assertThat(mics).extracting(o -> o.getInterpretationFirstRep().getCodingFirstRep().getCode())
                .containsExactly("R", "R", "R", "S", "S", "S");
        Quantity vcm = mics.get(3).getValueQuantity();
        assertThat(vcm.getComparator()).isEqualTo(Quantity.QuantityComparator.LESS_OR_EQUAL);
        assertThat(vcm.getValue()).isEqualByComparingTo("0.5");
        assertThat(mics.get(0).getValueQuantity().getComparator()).isEqualTo(Quantity.QuantityComparator.GREATER_THAN);
        assertThat(mics.get(5).getValueQuantity().hasComparator()).isFalse();

        Observation klebsiella = panels.get(1);
        List<Observation> second = klebsiella.getHasMember().stream().map(r -> byId.get(r.getReference())).toList();
        assertThat(second).extracting(this::category)
                .containsExactly("organism", "growth", "others", "susceptibility-panels");
        List<Observation> kMics = second.get(3).getHasMember().stream().map(r -> byId.get(r.getReference())).toList();
        assertThat(kMics).hasSize(6);
        Observation st = kMics.get(5);
        assertThat(st.hasValue()).isFalse();
        assertThat(st.hasDataAbsentReason()).isFalse();
        assertThat(st.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("S");
    }

    @Test
    void oneMicrobiologyReportWithTheSpecimenListsSmearAndIsolates() {
        List<DiagnosticReport> reports = mapped.resources().stream().filter(DiagnosticReport.class::isInstance)
                .map(DiagnosticReport.class::cast).toList();

        assertThat(reports).hasSize(1);
        DiagnosticReport report = reports.get(0);
        assertThat(report.getMeta().getProfile().get(0).getValue())
                .isEqualTo(JpCoreSystems.JP_DIAGNOSTIC_REPORT_MICROBIOLOGY);
        assertThat(report.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("LP7819-8");
        assertThat(report.getCode().getCodingFirstRep().getCode()).isEqualTo("18725-2");
        assertThat(report.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.FINAL);
        assertThat(report.getResult()).extracting(Reference::getReference).containsExactlyElementsOf(
                observations().stream().filter(o -> List.of("gram-stain", "organism-panels").contains(category(o)))
                        .map(o -> "Observation/" + o.getIdElement().getIdPart()).toList());
        Specimen sputum = (Specimen) report.getContained().get(0);
        assertThat(sputum.getType().getCodingFirstRep().getCode()).isEqualTo("061");
        assertThat(sputum.getType().getText()).isEqualTo("喀痰");
        assertThat(sputum.getCollection().getCollectedDateTimeType().getValueAsString())
                .isEqualTo("2024-03-12T08:30:00+09:00");
        assertThat(mapped.resources()).noneMatch(r -> r instanceof Observation o
                && o.getMeta().getProfile().get(0).getValue().equals(JpCoreSystems.JP_OBSERVATION_LAB_RESULT));
    }

    @Test
    void aSusceptibilityResultForAnIsolateTheCultureDoesNotNameIsRefused() {
        byte[] raw = Ss2Samples.read(Ss2Samples.OWN.resolve(CULTURE));
        String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("|1216^ABPC^JANIS|2|", "|1216^ABPC^JANIS|3|");
        Ss2Samples.Mapped refused = Ss2Samples.map(CULTURE, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThat(refused.failure().describe()).isEqualTo(
                "OBX[23]-4: the susceptibility result names isolate '3', which the culture does not identify");
        assertThat(refused.resources()).isEmpty();
    }

    private List<Observation> observations() {
        assertThat(mapped.failure()).isNull();
        return mapped.resources().stream().filter(Observation.class::isInstance).map(Observation.class::cast).toList();
    }

    private List<Observation> byCategory(String kind) {
        return observations().stream().filter(o -> category(o).equals(kind)).toList();
    }

    private String category(Observation observation) {
        return observation.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .filter(c -> JpCoreSystems.MICROBIOLOGY_CATEGORY.equals(c.getSystem())).findFirst()
                .map(Coding::getCode).orElse("");
    }
}
