package jp.renkei.hub.bench;

import java.util.SplittableRandom;

/**
 * Home-care notes in Japanese for the care-net benchmark, composed from phrases the way visiting nurses, care
 * managers and doctors write them: 2 to 4 sentences per post. Written for this benchmark (no third-party text).
 * {@link #RARE} occurs in about one post in a thousand, {@link #COMMON} (a two-character word) in about one in
 * twelve — the search benchmark asks for both.
 */
final class CareNetNotes {

    /** A two-character word inside a sentence: trigram indexes cannot serve it. */
    static final String COMMON = "発赤";
    /** A word found in few posts, so a search reads far into the room before it has a page of results. */
    static final String RARE = "誤嚥性肺炎";

    private static final String[] TITLES = {"訪問時の様子", "夜間の様子", "服薬の確認", "褥瘡の経過", "食事の状況",
        "バイタル測定", "リハビリの実施", "ご家族から", "デイサービスでの様子", "排泄の状況", "入浴介助", "定期往診"};
    private static final String[] OPENINGS = {"本日訪問しました。", "午前の訪問時、", "ご家族によると、", "デイサービスの送迎時、",
        "夕方の訪問で", "往診時に確認しました。", "ヘルパーより報告がありました。"};
    private static final String[] OBSERVATIONS = {"表情は穏やかで会話もはっきりしています。", "夜中に 2 回目が覚めたとのことです。",
        "食欲はふつうで、昼食は 8 割ほど召し上がりました。", "水分摂取がやや少なめです。", "下肢に軽い浮腫が見られます。",
        "血圧は安定しており、めまいの訴えはありません。", "物忘れが少し目立つようになってきました。", "歩行時にふらつきがあり、見守りが必要です。",
        "服薬は指示通りできています。", "残薬が少しあり、飲み忘れがあったようです。", "便秘気味で、3 日排便がありません。",
        "入浴後に皮膚の乾燥が目立ちます。", "痛みの訴えはなく、よく眠れているとのことです。", "ベッドから車いすへの移乗は一部介助です。",
        "趣味の園芸の話を楽しそうにされていました。", "体重は先月と変わりありません。", "右肩の痛みで更衣に時間がかかっています。"};
    private static final String[] SKIN = {"仙骨部の発赤は軽快しています。", "踵に新しい発赤が見られ、除圧をお願いしました。",
        "背部の発赤は消失しました。"};
    private static final String[] PLANS = {"引き続き様子を見ます。", "次回訪問時に再度確認します。", "主治医に報告しました。",
        "ケアマネジャーと相談してサービスを調整します。", "ご家族に水分摂取の声かけをお願いしました。", "薬剤師に残薬の確認を依頼しました。",
        "週末は注意して見守ってください。"};

    static String title(SplittableRandom random) {
        return TITLES[random.nextInt(TITLES.length)];
    }

    static String body(SplittableRandom random) {
        StringBuilder text = new StringBuilder(OPENINGS[random.nextInt(OPENINGS.length)]);
        int sentences = 1 + random.nextInt(3);
        for (int i = 0; i < sentences; i++) {
            text.append(OBSERVATIONS[random.nextInt(OBSERVATIONS.length)]);
        }
        if (random.nextInt(12) == 0) {
            text.append(SKIN[random.nextInt(SKIN.length)]);
        }
        if (random.nextInt(1000) == 0) {
            text.append("先月の" + RARE + "の既往があり、食事中のむせ込みに注意しています。");
        }
        return text.append(PLANS[random.nextInt(PLANS.length)]).toString();
    }

    /** The structured entries of about one post in three: vital signs, as the post form records them. */
    static String entries(SplittableRandom random) {
        if (random.nextInt(3) != 0) {
            return "[]";
        }
        double temperature = 35.8 + random.nextInt(15) / 10.0;
        int systolic = 110 + random.nextInt(40);
        int diastolic = 60 + random.nextInt(25);
        int pulse = 60 + random.nextInt(30);
        return "[{\"category\":\"VITALS\",\"title\":\"バイタル\",\"values\":["
                + "{\"item\":\"temperature\",\"label\":\"体温\",\"value\":\"" + temperature + "\",\"unit\":\"℃\"},"
                + "{\"item\":\"systolic\",\"label\":\"血圧（収縮期）\",\"value\":\"" + systolic + "\",\"unit\":\"mmHg\"},"
                + "{\"item\":\"diastolic\",\"label\":\"血圧（拡張期）\",\"value\":\"" + diastolic + "\",\"unit\":\"mmHg\"},"
                + "{\"item\":\"pulse\",\"label\":\"脈拍\",\"value\":\"" + pulse + "\",\"unit\":\"回/分\"}]}]";
    }

    private CareNetNotes() {
    }
}
