package jp.renkei.hub.regional.directory;

import java.text.Normalizer;

/**
 * The form in which names are compared: NFKC (full-width letters and digits become ASCII, half-width katakana
 * become full-width), katakana become hiragana, lower case, no spaces. So 「ふくしま」, 「フクシマ」 and 「ﾌｸｼﾏ」
 * find 福島中央病院 through its kana, and 「ＡＢＣ」 finds "abc".
 */
final class NameKey {

    private NameKey() {
    }

    static String of(String text) {
        if (text == null) {
            return "";
        }
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder key = new StringBuilder(nfkc.length());
        nfkc.codePoints().forEach(c -> {
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return;
            }
            // ァ (U+30A1) .. ヶ (U+30F6) sit 0x60 above ぁ .. ゖ
            key.appendCodePoint(c >= 0x30A1 && c <= 0x30F6 ? c - 0x60 : Character.toLowerCase(c));
        });
        return key.toString();
    }

    /** Whether {@code query} (already a key) occurs in the name or the reading. */
    static boolean matches(String queryKey, String name, String kana) {
        return queryKey.isEmpty() || of(name).contains(queryKey) || of(kana).contains(queryKey);
    }
}
