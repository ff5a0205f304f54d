package jp.renkei.hub.regional.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers to a sheet are checked whole: unknown items, wrong types, ranges, options and required items. */
class SheetCheckTest {

    private static Sheet acuteDoctor() throws IOException {
        return TemplateFileTest.shipped("stroke.json").stage("acute").orElseThrow().sheet("acute-doctor")
                .orElseThrow();
    }

    @Test
    void rightAnswersComeBackTypedInTheSheetsOrder() throws IOException {
        Map<String, Object> answers = SheetCheck.check(acuteDoctor(), Map.of("barthel", "35", "mrs", "4",
                "type", "infarction", "onset", "2026-11-20", "thrombolysis", "true", "note", " 右片麻痺 "));
        assertThat(answers).containsExactly(Map.entry("type", "infarction"),
                Map.entry("onset", LocalDate.of(2026, 11, 20)), Map.entry("mrs", 4), Map.entry("barthel", 35),
                Map.entry("thrombolysis", Boolean.TRUE), Map.entry("note", "右片麻痺"));
    }

    @Test
    void decimalsKeepTheirDigits() throws IOException {
        Sheet sheet = TemplateFileTest.shipped("diabetes.json").stage("diabetes-clinic").orElseThrow()
                .sheet("diabetes-clinic-doctor").orElseThrow();
        assertThat(SheetCheck.check(sheet, Map.of("hba1c", "7.4")).get("hba1c")).isEqualTo(new BigDecimal("7.4"));
        assertThat(errors(sheet, Map.of("hba1c", "7,4"))).containsEntry("answers.hba1c", "'7,4' is not a number");
        assertThat(errors(sheet, Map.of("hba1c", "25"))).containsEntry("answers.hba1c", "25 is outside 3–20");
    }

    @Test
    void everyProblemIsNamedByItsField() throws IOException {
        Map<String, String> given = new HashMap<>();
        given.put("barthel", "eighty");
        given.put("mrs", "7");
        given.put("type", "tia");
        given.put("onset", "20/11/2026");
        given.put("thrombolysis", "yes");
        given.put("walking-speed", "1.0");
        Map<String, String> errors = errors(acuteDoctor(), given);
        assertThat(errors).containsEntry("answers.walking-speed", "is not an item of sheet acute-doctor")
                .containsEntry("answers.barthel", "'eighty' is not a whole number")
                .containsEntry("answers.mrs", "7 is outside 0–6")
                .containsEntry("answers.type", "'tia' is not one of the options [infarction, hemorrhage, sah]")
                .containsEntry("answers.onset", "'20/11/2026' is not a date (YYYY-MM-DD)")
                .containsEntry("answers.thrombolysis", "'yes' is not true or false");
        assertThat(errors.keySet().iterator().next()).isEqualTo("answers.walking-speed");
    }

    @Test
    void requiredItemsMustBeAnsweredAndAnUnknownItemAloneRefusesTheSheet() throws IOException {
        assertThat(errors(acuteDoctor(), Map.of("barthel", "40"))).containsOnlyKeys("answers.type", "answers.onset",
                "answers.mrs");
        Map<String, String> complete = Map.of("type", "sah", "onset", "2026-11-01", "mrs", "2", "barthel", "90");
        assertThat(SheetCheck.check(acuteDoctor(), complete)).hasSize(4);
        Map<String, String> withUnknown = new HashMap<>(complete);
        withUnknown.put("hba1c", "7.0");
        assertThat(errors(acuteDoctor(), withUnknown)).containsOnlyKeys("answers.hba1c");
    }

    private static Map<String, String> errors(Sheet sheet, Map<String, String> given) {
        return catchThrowableOfType(() -> SheetCheck.check(sheet, given), InvalidPathway.class).errors();
    }
}
