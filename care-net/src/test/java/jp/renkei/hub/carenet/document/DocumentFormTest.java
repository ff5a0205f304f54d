package jp.renkei.hub.carenet.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.web.ApiException;
import org.junit.jupiter.api.Test;

class DocumentFormTest {

    private static final DocumentTemplate REPORT = new DocumentTemplate("R", "報告書", List.of(HubRole.NURSE), List.of(
            new DocumentSection("期間", List.of(
                    new DocumentField("periodFrom", "開始日", FieldType.DATE, null, null, true),
                    new DocumentField("periodTo", "終了日", FieldType.DATE, null, null, false))),
            new DocumentSection("内容", List.of(
                    new DocumentField("title", "件名", FieldType.TEXT, null, 10, false),
                    new DocumentField("progress", "経過", FieldType.LONG_TEXT, null, 100, false),
                    new DocumentField("level", "要介護度", FieldType.CHOICE, List.of("要介護1", "要介護2"), null, false),
                    new DocumentField("devices", "機器", FieldType.MULTI, List.of("酸素療法", "吸引器", "その他"), null,
                            false)))));

    @Test
    void keepsWhatWasEnteredNormalisedInTheTemplatesOrder() {
        Map<String, Object> kept = DocumentForm.fill(REPORT, Map.of("periodFrom", "２０２６/１２/０１",
                "title", " 一行目\n二行目 ", "progress", "一行目\r\n二行目", "devices", List.of("その他", "酸素療法", ""),
                "level", ""));
        assertThat(kept).containsExactly(Map.entry("periodFrom", "2026-12-01"), Map.entry("title", "一行目 二行目"),
                Map.entry("progress", "一行目\n二行目"), Map.entry("devices", List.of("酸素療法", "その他")));
    }

    @Test
    void reportsEveryProblemPerField() {
        assertThatThrownBy(() -> DocumentForm.fill(REPORT, Map.of("periodTo", "2026-13-01", "title", "あ".repeat(11),
                "level", "要介護5", "devices", List.of("人工呼吸器"), "colour", "赤")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys(
                        "values.periodFrom", "values.periodTo", "values.title", "values.level", "values.devices",
                        "values.colour").containsEntry("values.periodFrom", "「開始日」を入力してください")
                        .containsEntry("values.title", "「件名」は 10 文字までです（11 文字）")
                        .containsEntry("values.devices", "「機器」に「人工呼吸器」はありません。選べるもの: 酸素療法、吸引器、その他"));
        assertThatThrownBy(() -> DocumentForm.fill(REPORT, Map.of("periodFrom", "2026-12-02", "periodTo", "2026-12-01")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors()).containsEntry(
                        "values.periodTo", "「終了日」は「開始日」（2026-12-02）より前にできません"));
    }
}
