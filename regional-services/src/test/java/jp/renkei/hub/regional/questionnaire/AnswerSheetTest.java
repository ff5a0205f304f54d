package jp.renkei.hub.regional.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class AnswerSheetTest {

    static final Form FORM = new Form(UUID.randomUUID(), UUID.randomUUID(), "F1", 1, "初診問診票", List.of(
            new Item("q1", "現在治療中の病気はありますか", ItemType.YES_NO, true, List.of(), "", null),
            new Item("q2", "病名を教えてください", ItemType.TEXT, true, List.of(), "", "q1"),
            new Item("q3", "体重", ItemType.NUMBER, true, List.of(), "kg", null),
            new Item("q4", "飲酒", ItemType.SINGLE_CHOICE, false, List.of("飲まない", "ときどき", "毎日"), "", null),
            new Item("q5", "症状", ItemType.MULTIPLE_CHOICE, false, List.of("発熱", "せき", "頭痛"), "", null),
            new Item("q6", "症状が出た日", ItemType.DATE, false, List.of(), "", null),
            new Item("q7", "その他", ItemType.LONG_TEXT, false, List.of(), "", null)),
            FormStatus.ACTIVE, "1", "p", Instant.EPOCH, Instant.EPOCH, null);

    static Map<String, List<String>> fields(String... pairs) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return fields;
    }

    @Test
    void aCompleteSheetBecomesTypedAnswersInTheQuestionnairesOrder() {
        AnswerSheet.Check check = AnswerSheet.check(FORM, fields("a.q3", "５８．５", "a.q1", "yes", "a.q2", " 高血圧 ",
                "a.q4", "ときどき", "a.q5", "発熱", "a.q5", "頭痛", "a.q6", "2026-12-01", "a.q7", ""));
        assertThat(check.valid()).isTrue();
        assertThat(check.answers()).containsExactly(
                new Answer("q1", List.of(true)),
                new Answer("q2", List.of("高血圧")),
                new Answer("q3", List.of(new BigDecimal("58.5"))),
                new Answer("q4", List.of(new FhirQuestionnaires.Choice("ときどき"))),
                new Answer("q5", List.of(new FhirQuestionnaires.Choice("発熱"), new FhirQuestionnaires.Choice("頭痛"))),
                new Answer("q6", List.of(LocalDate.of(2026, 12, 1))));
    }

    @Test
    void anItemAskedOnlyAfterYesIsDroppedAndNotRequiredAfterNo() {
        AnswerSheet.Check check = AnswerSheet.check(FORM, fields("a.q1", "no", "a.q2", "should vanish", "a.q3", "60"));
        assertThat(check.valid()).isTrue();
        assertThat(check.answers()).extracting(Answer::linkId).containsExactly("q1", "q3");
        assertThat(AnswerSheet.check(FORM, fields("a.q1", "yes", "a.q3", "60")).errors())
                .containsExactly(Map.entry("q2", "required"));
    }

    @Test
    void everyWrongFieldIsNamedAndNothingIsReturnedToStore() {
        AnswerSheet.Check check = AnswerSheet.check(FORM, fields("a.q1", "maybe", "a.q3", "heavy", "a.q4", "毎晩",
                "a.q6", "2026-13-40", "a.q7", "あ".repeat(AnswerSheet.LONG_TEXT_MAX + 1)));
        assertThat(check.errors()).containsEntry("q1", "notAnOption").containsEntry("q3", "notANumber")
                .containsEntry("q4", "notAnOption").containsEntry("q6", "notADate").containsEntry("q7", "tooLong");
        assertThat(check.answers()).isEmpty();
        assertThat(check.entered().get("q3")).containsExactly("heavy");
    }

    @Test
    void unknownItemsAndSecondValuesOfSingleItemsRefuseTheSheet() {
        AnswerSheet.Check unknown = AnswerSheet.check(FORM, fields("a.q1", "no", "a.q3", "60", "a.q99", "x"));
        assertThat(unknown.errors()).containsExactly(Map.entry("", "unknownItem"));
        assertThat(unknown.answers()).isEmpty();
        assertThat(AnswerSheet.check(FORM, fields("a.q1", "no", "a.q3", "60", "a.q4", "毎日", "a.q4", "ときどき"))
                .errors()).containsExactly(Map.entry("q4", "oneValue"));
        assertThat(AnswerSheet.check(FORM, fields("a.q1", "no", "a.q3", "1e9")).errors())
                .containsExactly(Map.entry("q3", "notANumber"));
    }
}
