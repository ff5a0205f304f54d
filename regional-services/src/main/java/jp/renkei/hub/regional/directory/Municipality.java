package jp.renkei.hub.regional.directory;

/**
 * A municipality (市区町村) by its 全国地方公共団体コード: the five-digit JIS X 0402 code plus the check digit
 * (福島市 072010, 郡山市 072036), and its name.
 */
public record Municipality(String code, String name) {

    public static final int NAME_MAX = 50;

    public Municipality {
        if (code == null || !code.matches("[0-9]{6}")) {
            throw InvalidInput.of("municipality.code", "市区町村コードは全国地方公共団体コードの6桁で入力してください（例: 072010）");
        }
        if (checkDigit(code.substring(0, 5)) != code.charAt(5) - '0') {
            throw InvalidInput.of("municipality.code", "市区町村コード " + code + " の検査数字が正しくありません（"
                    + code.substring(0, 5) + " の検査数字は " + checkDigit(code.substring(0, 5)) + "）");
        }
        if (code.startsWith("00") || Integer.parseInt(code.substring(0, 2)) > 47) {
            throw InvalidInput.of("municipality.code", "市区町村コード " + code + " の都道府県部分（先頭2桁）は 01〜47 です");
        }
        if (name == null || name.isBlank() || name.length() > NAME_MAX) {
            throw InvalidInput.of("municipality.name", "市区町村名を " + NAME_MAX + " 文字以内で入力してください");
        }
        name = name.strip();
    }

    /** Weights 6..2 on the five digits; the check digit is the last digit of 11 minus the sum modulo 11. */
    static int checkDigit(String fiveDigits) {
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += (fiveDigits.charAt(i) - '0') * (6 - i);
        }
        return (11 - sum % 11) % 10;
    }
}
