package jp.renkei.hub.regional.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.security.HubRole;
import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped templates read; a bad file is refused with its name, the JSON path and the problem. */
class TemplateFileTest {

    static PathwayTemplate shipped(String name) throws IOException {
        try (InputStream in = TemplateFileTest.class.getResourceAsStream("/pathway-templates/" + name)) {
            return TemplateFile.read(name, in.readAllBytes());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stroke.json", "femoral-neck-fracture.json", "diabetes.json"})
    void theShippedTemplatesRead(String file) throws IOException {
        PathwayTemplate template = shipped(file);
        assertThat(template.version()).isEqualTo(1);
        assertThat(template.ownerKinds()).containsExactly(FacilityKind.HOSPITAL);
        assertThat(template.stages()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(template.digest()).hasSize(64);
    }

    @Test
    void strokeHasItsStagesGoalsAndSheetsPerProfession() throws IOException {
        PathwayTemplate stroke = shipped("stroke.json");
        assertThat(stroke.stages()).extracting(Stage::title).containsExactly("急性期", "回復期", "維持期・在宅");
        Stage maintenance = stroke.stage("maintenance").orElseThrow();
        assertThat(maintenance.facilityKinds()).contains(FacilityKind.CLINIC, FacilityKind.VISITING_NURSE_STATION);
        assertThat(maintenance.sheets()).extracting(Sheet::profession)
                .containsExactly(HubRole.DOCTOR, HubRole.VISITING_NURSE, HubRole.CARE_MANAGER);
        SheetItem barthel = maintenance.sheet("maintenance-doctor").orElseThrow().item("barthel").orElseThrow();
        assertThat(barthel.kind()).isEqualTo(ItemKind.INTEGER);
        assertThat(barthel.min()).isZero();
        assertThat(barthel.max()).isEqualByComparingTo("100");
        assertThat(maintenance.goals()).extracting(StageGoal::code)
                .containsExactly("maintenance-adl", "maintenance-recurrence");
    }

    @Test
    void aSheetIsAFhirQuestionnaireWithTypesRangesAndOptions() throws IOException {
        PathwayTemplate stroke = shipped("stroke.json");
        Stage acute = stroke.stage("acute").orElseThrow();
        Questionnaire q = FhirPathways.questionnaire(stroke, acute, acute.sheet("acute-doctor").orElseThrow());
        assertThat(q.getUrl()).isEqualTo("https://renkei-hub.jp/fhir/Questionnaire/pathway/stroke/acute-doctor");
        assertThat(q.getVersion()).isEqualTo("1");
        Questionnaire.QuestionnaireItemComponent type = q.getItem().get(0);
        assertThat(type.getType()).isEqualTo(Questionnaire.QuestionnaireItemType.CHOICE);
        assertThat(type.getAnswerOption()).hasSize(3);
        Questionnaire.QuestionnaireItemComponent mrs = q.getItem().stream()
                .filter(i -> i.getLinkId().equals("mrs")).findFirst().orElseThrow();
        assertThat(mrs.getType()).isEqualTo(Questionnaire.QuestionnaireItemType.INTEGER);
        assertThat(mrs.getRequired()).isTrue();
        assertThat(mrs.getExtensionByUrl(FhirPathways.MAX_EXTENSION).getValue().primitiveValue()).isEqualTo("6");
    }

    @Test
    void problemsAreNamedWithFileAndPath() {
        String item = "{\"linkId\":\"barthel\",\"text\":\"Barthel\",\"type\":\"integer\",\"min\":0,\"max\":100}";
        refused(template(item.replace("\"integer\"", "\"number\"")),
                "Pathway template bad.json: stages[0].sheets[0].items[0].type: 'number' is not an item type");
        refused(template(item.replace("\"min\":0", "\"minimum\":0")),
                "Pathway template bad.json: stages[0].sheets[0].items[0].minimum: is not a field of a pathway template");
        refused(template(item.replace("\"max\":100", "\"max\":\"100\"")),
                "stages[0].sheets[0].items[0].max: has the wrong type (expected a number)");
        refused(template(item.replace("\"min\":0", "\"min\":200")),
                "stages[0].sheets[0].items[0].min: is larger than max");
        refused(template(item.replace("\"max\":100", "\"max\":99.5")),
                "stages[0].sheets[0].items[0]: min and max of an integer item are whole numbers");
        refused(template(item + "," + item), "stages[0].sheets[0].items[1].linkId: 'barthel' names a second item");
        refused(template("{\"linkId\":\"walk\",\"text\":\"歩行\",\"type\":\"choice\"}"),
                "stages[0].sheets[0].items[0].options: is required (at least one)");
        refused(template("{\"linkId\":\"note\",\"text\":\"メモ\",\"type\":\"string\",\"unit\":\"点\"}"),
                "stages[0].sheets[0].items[0]: min, max and unit are for integer and decimal items only");
        refused(template(item).replace("\"DOCTOR\"", "\"CLERK\""),
                "stages[0].sheets[0].profession: 'CLERK' is not a profession that fills in sheets");
        refused(template(item).replace("\"CLINIC\"", "\"SURGERY\""),
                "stages[0].facilityKinds[0]: 'SURGERY' is not a facility kind");
        refused(template(item).replace("\"version\":1", "\"version\":0"), "version: is required, a whole number");
        refused(template(item).replace("\"code\":\"test\"", "\"code\":\"Test Path\""), "code: is required: lower-case");
        refused(template(item).replace("\"goals\":[{\"code\":\"g1\",\"text\":\"目標\"}]", "\"goals\":[]"),
                "stages[0].goals: is required (at least one)");
        refused(template(item).substring(10), "bad.json: not valid JSON (line 1");
    }

    @Test
    void theShippedFilesAreReadWholeWithoutSurprises() throws IOException {
        for (String name : List.of("stroke.json", "femoral-neck-fracture.json", "diabetes.json")) {
            String text;
            try (InputStream in = getClass().getResourceAsStream("/pathway-templates/" + name)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThatThrownBy(() -> TemplateFile.read(name, text.replaceFirst("\"stages\"", "\"stage\"")
                    .getBytes(StandardCharsets.UTF_8))).isInstanceOf(InvalidTemplate.class)
                    .hasMessageContaining(name + ": stage: is not a field");
        }
    }

    private static void refused(String json, String message) {
        assertThatThrownBy(() -> TemplateFile.read("bad.json", json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidTemplate.class).hasMessageContaining(message);
    }

    static String template(String items) {
        return "{\"code\":\"test\",\"version\":1,\"title\":\"試験パス\",\"ownerKinds\":[\"HOSPITAL\"],\"stages\":[{"
                + "\"code\":\"home\",\"title\":\"在宅\",\"facilityKinds\":[\"CLINIC\"],"
                + "\"goals\":[{\"code\":\"g1\",\"text\":\"目標\"}],\"sheets\":[{\"code\":\"s1\",\"title\":\"評価\","
                + "\"profession\":\"DOCTOR\",\"items\":[" + items + "]}]}]}";
    }
}
