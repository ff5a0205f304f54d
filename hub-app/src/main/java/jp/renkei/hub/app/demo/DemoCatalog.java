package jp.renkei.hub.app.demo;

import java.util.List;

/**
 * The small, hand-picked vocabulary the synthetic-data generator draws from. Lab codes are 17-character
 * JLAC10 codes of common check-up and lifestyle-disease tests; drug codes are 12-character YJ codes whose
 * first seven characters name the ingredient. Demo data only: it is not a drug or test master.
 */
final class DemoCatalog {

    record PersonName(String kanji, String kana) {
    }

    record LabTest(String jlac10, String name, String ucum, String unit,
                   double low, double high, double typical, double spread, int decimals) {
    }

    record Drug(String yj, String name, String doseUnit, String doseUnitCode,
                int dosePerTime, int timesPerDay, String usage) {
    }

    static final List<PersonName> FAMILY_NAMES = List.of(
            new PersonName("佐藤", "サトウ"), new PersonName("鈴木", "スズキ"), new PersonName("高橋", "タカハシ"),
            new PersonName("田中", "タナカ"), new PersonName("渡辺", "ワタナベ"), new PersonName("伊藤", "イトウ"),
            new PersonName("遠藤", "エンドウ"), new PersonName("菅野", "カンノ"), new PersonName("斎藤", "サイトウ"),
            new PersonName("佐々木", "ササキ"), new PersonName("阿部", "アベ"), new PersonName("渡部", "ワタナベ"));

    static final List<PersonName> MALE_GIVEN_NAMES = List.of(
            new PersonName("太郎", "タロウ"), new PersonName("健一", "ケンイチ"), new PersonName("誠", "マコト"),
            new PersonName("浩", "ヒロシ"), new PersonName("翔太", "ショウタ"), new PersonName("大輔", "ダイスケ"));

    static final List<PersonName> FEMALE_GIVEN_NAMES = List.of(
            new PersonName("花子", "ハナコ"), new PersonName("陽子", "ヨウコ"), new PersonName("美咲", "ミサキ"),
            new PersonName("恵子", "ケイコ"), new PersonName("由美", "ユミ"), new PersonName("さくら", "サクラ"));

    static final List<String> CITIES = List.of("福島市", "郡山市", "会津若松市", "いわき市", "白河市", "須賀川市");

    static final List<LabTest> LAB_TESTS = List.of(
            new LabTest("3D046000001906202", "HbA1c(NGSP)", "%", "%", 4.6, 6.2, 6.1, 0.7, 1),
            new LabTest("3D010000001926101", "空腹時血糖", "mg/dL", "mg/dL", 70, 109, 108, 18, 0),
            new LabTest("3B035000002327201", "AST", "U/L", "U/L", 13, 30, 26, 9, 0),
            new LabTest("3B045000002327201", "ALT", "U/L", "U/L", 10, 42, 27, 12, 0),
            new LabTest("3B090000002327201", "γ-GT", "U/L", "U/L", 13, 64, 45, 25, 0),
            new LabTest("3C015000002327101", "クレアチニン", "mg/dL", "mg/dL", 0.65, 1.07, 0.95, 0.2, 2),
            new LabTest("8A065000002391901", "eGFR", "mL/min/{1.73_m2}", "mL/min/1.73m2", 60, 120, 68, 14, 1),
            new LabTest("3F077000002327101", "LDLコレステロール", "mg/dL", "mg/dL", 65, 139, 128, 28, 0),
            new LabTest("3F070000002327101", "HDLコレステロール", "mg/dL", "mg/dL", 40, 90, 56, 12, 0),
            new LabTest("3F015000002327101", "中性脂肪", "mg/dL", "mg/dL", 40, 149, 132, 50, 0));

    static final List<Drug> DRUGS = List.of(
            new Drug("2171022F1022", "アムロジピン錠5mg", "錠", "TAB", 1, 1, "1日1回朝食後"),
            new Drug("3962002F1020", "メトホルミン塩酸塩錠250mg", "錠", "TAB", 1, 2, "1日2回朝夕食後"),
            new Drug("2189015F1025", "アトルバスタチン錠10mg", "錠", "TAB", 1, 1, "1日1回夕食後"),
            new Drug("2149044F1022", "オルメサルタン錠20mg", "錠", "TAB", 1, 1, "1日1回朝食後"),
            new Drug("2329023F1020", "ランソプラゾール錠15mg", "錠", "TAB", 1, 1, "1日1回朝食後"),
            new Drug("1149019F1020", "ロキソプロフェンナトリウム錠60mg", "錠", "TAB", 1, 3, "1日3回毎食後"),
            new Drug("2329021F1021", "レバミピド錠100mg", "錠", "TAB", 1, 3, "1日3回毎食後"));

    private DemoCatalog() {
    }
}
