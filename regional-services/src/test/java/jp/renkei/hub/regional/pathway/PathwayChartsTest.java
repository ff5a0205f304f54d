package jp.renkei.hub.regional.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The progress row and the trend chart, drawn on the server. */
class PathwayChartsTest {

    @Test
    void theFhirViewIsACarePlanWithGoalsAndOneResponsePerRecord() throws IOException {
        PathwayTemplate stroke = TemplateFileTest.shipped("stroke.json");
        Pathway pathway = pathway();
        org.hl7.fhir.r4.model.Bundle bundle = FhirPathways.bundle(stroke, pathway, pathway.records());
        org.hl7.fhir.r4.model.CarePlan plan = (org.hl7.fhir.r4.model.CarePlan) bundle.getEntry().get(0).getResource();
        assertThat(plan.getIdPart()).isEqualTo(pathway.id().toString());
        assertThat(plan.getInstantiatesCanonical().get(0).getValue())
                .isEqualTo("https://renkei-hub.jp/fhir/PlanDefinition/pathway/stroke|1");
        assertThat(plan.getSubject().getIdentifier().getValue()).isEqualTo("1234567890123452");
        assertThat(plan.getActivity()).extracting(a -> a.getDetail().getStatus().toCode())
                .containsExactly("completed", "in-progress", "not-started");
        org.hl7.fhir.r4.model.Goal transfer = plan.getContained().stream()
                .filter(r -> r.getIdPart().equals("goal-acute-transfer")).map(org.hl7.fhir.r4.model.Goal.class::cast)
                .findFirst().orElseThrow();
        assertThat(transfer.getAchievementStatus().getCodingFirstRep().getCode()).isEqualTo("not-achieved");
        org.hl7.fhir.r4.model.QuestionnaireResponse response =
                (org.hl7.fhir.r4.model.QuestionnaireResponse) bundle.getEntry().get(2).getResource();
        assertThat(response.getQuestionnaire())
                .isEqualTo("https://renkei-hub.jp/fhir/Questionnaire/pathway/stroke/recovery-doctor|1");
        assertThat(response.getBasedOnFirstRep().getReference()).isEqualTo("CarePlan/" + pathway.id());
        assertThat(response.getItem()).anySatisfy(i -> {
            assertThat(i.getLinkId()).isEqualTo("barthel");
            assertThat(i.getAnswerFirstRep().getValueIntegerType().getValue()).isEqualTo(70);
        });
    }

    @Test
    void progressShowsEachStageByStatusAndTheTrendEveryValue() throws IOException {
        PathwayTemplate stroke = TemplateFileTest.shipped("stroke.json");
        Pathway pathway = pathway();
        String progress = PathwayCharts.progress(stroke, pathway, pathway.records(), PathwayCharts.Labels.JA);
        assertThat(progress).startsWith("<svg").contains("急性期 完了、回復期 記録中、維持期・在宅 未開始")
                .contains("class=\"pathway-stage stage-done\" data-stage=\"acute\"")
                .contains("class=\"pathway-stage stage-not_started\" data-stage=\"maintenance\"")
                .contains(">目標達成 1/2<");

        String trend = PathwayCharts.trend(stroke, pathway.records(), "barthel", PathwayCharts.Labels.JA);
        assertThat(trend).contains("<title id=\"trend-barthel\">Barthel Index (点)、11/20 35、12/1 70</title>")
                .contains(">35<", ">70<", ">回復期<").contains(">100<").contains(">0<");
        assertThat(PathwayCharts.trendItems(stroke, pathway.records())).extracting(SheetItem::linkId)
                .containsExactly("mrs", "barthel");
        assertThat(PathwayCharts.trend(stroke, List.of(), "sbp", PathwayCharts.Labels.JA))
                .contains("記録された値はありません");
    }

    static Pathway pathway() {
        StageRecord acute = new StageRecord(UUID.randomUUID(), "acute", "acute-doctor", "h", "p", "医師",
                Instant.parse("2026-11-20T01:00:00Z"), Map.of("barthel", 35, "mrs", 4));
        StageRecord recovery = new StageRecord(UUID.randomUUID(), "recovery", "recovery-doctor", "h", "p", "医師",
                Instant.parse("2026-12-01T01:00:00Z"), Map.of("barthel", 70, "mrs", 3));
        return new Pathway(UUID.randomUUID(), "stroke", 1, "h", "1234567890123452", "p", "医師",
                Instant.parse("2026-11-20T00:00:00Z"), Map.of("acute", List.of("h"), "recovery", List.of("h"),
                "maintenance", List.of("c")), Map.of("acute", new StageCompletion("acute", "h", "p", "医師",
                Instant.parse("2026-11-30T00:00:00Z"), Map.of("acute-stable", true, "acute-transfer", false), null)),
                List.of(acute, recovery));
    }
}
