package jp.renkei.hub.carenet.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.renkei.hub.core.web.ApiException;
import org.junit.jupiter.api.Test;

class EntryValidatorTest {

    private static final CategoryTemplate SLEEP = new CategoryTemplate("SLEEP", "睡眠", List.of(
            new TemplateItem("daytimeSleep", "日中の睡眠", ItemType.CHOICE, List.of("あり", "なし"), null, null, null, null, null),
            new TemplateItem("nightSleep", "夜間睡眠", ItemType.NUMBER, null, "時間", new BigDecimal("0"),
                    new BigDecimal("24"), 1, null),
            new TemplateItem("note", "備考", ItemType.TEXT, null, null, null, null, null, 10)));
    private static final CategoryTemplate VITALS = new CategoryTemplate("VITALS", "バイタル", List.of(
            new TemplateItem("spo2", "SpO2", ItemType.NUMBER, null, "%", new BigDecimal("50"), new BigDecimal("100"), 0,
                    null)));
    private static final Map<String, CategoryTemplate> TEMPLATES = Map.of("SLEEP", SLEEP, "VITALS", VITALS);

    @Test
    void onlyEnteredItemsAreRecordedInTheTemplatesOrder() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("nightSleep", "５．５"); // full-width digits, as typed on a Japanese keyboard
        values.put("note", "  ");
        values.put("daytimeSleep", "なし");
        List<RecordedEntry> recorded = EntryValidator.validate(List.of(new StructuredEntry("SLEEP", values)), TEMPLATES);

        assertThat(recorded).containsExactly(new RecordedEntry("SLEEP", "睡眠", List.of(
                new RecordedValue("daytimeSleep", "日中の睡眠", "なし", null),
                new RecordedValue("nightSleep", "夜間睡眠", "5.5", "時間"))));
    }

    @Test
    void everyProblemIsNamedWithItsRangeUnitAndInput() {
        assertThatThrownBy(() -> EntryValidator.validate(List.of(
                new StructuredEntry("SLEEP", Map.of("nightSleep", -1, "note", "12345678901", "snoring", "あり")),
                new StructuredEntry("VITALS", Map.of("spo2", 97.5)),
                new StructuredEntry("MOOD", Map.of("x", 1))), TEMPLATES))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors())
                        .containsEntry("entries[0].nightSleep", "夜間睡眠は 0〜24 時間 の範囲で入力してください（入力値: -1 時間）")
                        .containsEntry("entries[0].note", "備考は 10 文字までです（11 文字）")
                        .hasEntrySatisfying("entries[0].snoring", m -> assertThat(m)
                                .startsWith("「睡眠」に項目「snoring」はありません"))
                        .containsEntry("entries[1].spo2", "SpO2は整数で入力してください（入力値: 97.5）")
                        .hasEntrySatisfying("entries[2].category", m -> assertThat(m)
                                .startsWith("分類「MOOD」はありません")));
    }

    @Test
    void anEmptyCategoryAndARepeatedOneAreRefused() {
        assertThatThrownBy(() -> EntryValidator.validate(List.of(new StructuredEntry("SLEEP", Map.of("note", ""))),
                TEMPLATES))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors())
                        .containsEntry("entries[0]", "「睡眠」に何も入力されていません。入力した項目だけが記録されます"));
        assertThatThrownBy(() -> EntryValidator.validate(List.of(new StructuredEntry("VITALS", Map.of("spo2", 98)),
                new StructuredEntry("VITALS", Map.of("spo2", 97))), TEMPLATES))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors())
                        .containsKey("entries[1].category"));
    }

    @Test
    void boundariesAreInclusive() {
        assertThat(EntryValidator.validate(List.of(new StructuredEntry("SLEEP", Map.of("nightSleep", 24))), TEMPLATES)
                .get(0).values().get(0).value()).isEqualTo("24");
        assertThat(EntryValidator.validate(List.of(new StructuredEntry("VITALS", Map.of("spo2", "100.0"))), TEMPLATES)
                .get(0).values().get(0).value()).isEqualTo("100.0");
    }
}
