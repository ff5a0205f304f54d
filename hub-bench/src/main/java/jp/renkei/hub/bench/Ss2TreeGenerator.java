package jp.renkei.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

import jp.renkei.hub.gateway.hl7.Iso2022Jp;

/**
 * Writes a synthetic SS-MIX2 standardized storage tree (ISO-2022-JP, CR-separated HL7 v2.5, SS-MIX2 layout and
 * file names) for the ingest benchmark: per patient one ADT-00, then lab results (OML-11, 3 results each),
 * prescriptions (OMP-01, 2 drugs), administrations (OMP-11), diagnoses (PPR-01) and allergies (ADT-61) in turn
 * until the requested number of messages is reached.
 * <pre>java -cp ... jp.renkei.hub.bench.Ss2TreeGenerator ROOT [MESSAGES=10000] [PATIENTS=500] [SEED=20260401]</pre>
 */
public final class Ss2TreeGenerator {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String[] FAMILY = {"佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "山本", "中村"};
    private static final String[] GIVEN = {"太郎", "花子", "一郎", "美咲", "健太", "陽子"};
    private static final String[][] LABS = {
            {"3A010000002327101", "総蛋白", "g/dl", "6.7-8.3", "7.2"},
            {"3A015000002327101", "アルブミン", "g/dl", "3.7-5.5", "4.4"},
            {"3D046000001906202", "HbA1c", "%", "4.6-6.2", "5.8"},
            {"3C015000002327101", "クレアチニン", "mg/dl", "0.6-1.1", "0.9"}};
    private static final String[][] DRUGS = {
            {"108665201", "ダーゼン錠（５mg)"}, {"110626901", "パンスポリンＴ錠（１００mg)"}, {"103835401", "ムコダイン錠２５０ｍｇ"}};
    private static final String[] TYPES = {"OML-11", "OMP-01", "OML-11", "OMP-11", "PPR-01", "OML-11", "ADT-61"};

    private final Random random;
    private final LocalDateTime start = LocalDateTime.of(2025, 4, 1, 9, 0);

    private Ss2TreeGenerator(long seed) {
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: Ss2TreeGenerator ROOT [MESSAGES=10000] [PATIENTS=500] [SEED]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int patients = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 20260401L;
        int written = write(root, messages, patients, seed);
        System.out.println("wrote " + written + " SS-MIX2 messages for " + patients + " patients under " + root);
    }

    /**
     * Writes {@code messages} files for {@code patients} patients (local IDs 1000000 upwards): per patient an
     * ADT-00 first, then in turn OML-11, OMP-01, OML-11, OMP-11, PPR-01, ADT-61. Returns the number written.
     */
    public static int write(Path root, int messages, int patients, long seed) throws IOException {
        return new Ss2TreeGenerator(seed).generate(root, messages, patients);
    }

    private int generate(Path root, int messages, int patients) throws IOException {
        int written = 0;
        for (int i = 0; written < messages; i++) {
            int patient = i % patients;
            int round = i / patients;
            String pid = String.format("%07d", 1_000_000 + patient);
            String type = round == 0 ? "ADT-00" : TYPES[(round - 1) % TYPES.length];
            LocalDateTime when = start.plusDays(round).plusMinutes(patient);
            String order = String.format("%015d", 100_000_000L + (long) i);
            String date = type.startsWith("ADT-00") || type.equals("ADT-61") || type.equals("PPR-01") ? "-"
                    : when.format(DAY);
            if (type.equals("ADT-00") || type.equals("ADT-61") || type.equals("PPR-01")) {
                order = "999999999999999";
                if (!type.equals("ADT-00")) {
                    date = "-";
                }
            }
            String stamp = when.plusHours(1).format(STAMP);
            String name = String.join("_", pid, date, type, order, stamp, type.startsWith("ADT") ? "-" : "01", "1");
            Path dir = root.resolve(pid.substring(0, 3)).resolve(pid.substring(3, 6)).resolve(pid).resolve(date)
                    .resolve(type);
            Files.createDirectories(dir);
            Files.write(dir.resolve(name), Iso2022Jp.encode(message(type, pid, patient, order, when)));
            written++;
        }
        return written;
    }

    private String message(String type, String pid, int patient, String order, LocalDateTime when) {
        String ts = when.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        String family = FAMILY[patient % FAMILY.length];
        String given = GIVEN[patient % GIVEN.length];
        String msgType = switch (type) {
            case "ADT-00" -> "ADT^A08^ADT_A01";
            case "ADT-61" -> "ADT^A60^ADT_A60";
            case "PPR-01" -> "PPR^ZD1^PPR_ZD1";
            case "OMP-01" -> "RDE^O11^RDE_O11";
            case "OMP-11" -> "RAS^O17^RAS_O17";
            default -> "OUL^R22^OUL_R22";
        };
        StringBuilder m = new StringBuilder();
        m.append("MSH|^~\\&|HIS|SEND|GW|RCV|").append(ts).append("||").append(msgType).append('|').append(order)
                .append(ts, 8, 14).append("|P|2.5||||||~ISO IR87||ISO 2022-1994\r");
        m.append("PID|0001||").append(pid).append("^^^^PI||").append(family).append('^').append(given)
                .append("^^^^^L^I~カンジャ^タロウ^^^^^L^P||19").append(40 + patient % 50).append("0405|")
                .append(patient % 2 == 0 ? "M" : "F").append('\r');
        switch (type) {
            case "ADT-00" -> m.append("PV1|0001|O\r");
            case "ADT-61" -> m.append("IAM|1|DA^薬剤アレルギー^HL70127|106824501^アリナミン^HOT9|MO^中等度^HL70128|発疹|A\r");
            case "PPR-01" -> m.append("PRB|AD|").append(ts, 0, 8).append("|20054174^胃炎^MDCDX2|").append(order)
                    .append("||||||K297^^I10|||||").append(ts, 0, 8).append('\r');
            case "OMP-01" -> {
                for (int rp = 1; rp <= 2; rp++) {
                    String[] drug = DRUGS[(patient + rp) % DRUGS.length];
                    m.append("ORC|NW|").append(order).append("||").append(rp).append("|||||").append(ts)
                            .append("||||||||||||||||||||O^外来患者オーダ^HL70482\r");
                    m.append("RXE||").append(drug[0]).append('^').append(drug[1]).append("^HOT9|1||TAB^錠^MR9P|||||")
                            .append(3 * 7).append("|TAB^錠^MR9P\r");
                    m.append("TQ1|1||1013044400000000&内服・経口・１日３回朝昼夕食後&JAMISDP01|||7^d|").append(ts, 0, 10)
                            .append('\r');
                    m.append("RXR|PO^口^HL70162\r");
                }
            }
            case "OMP-11" -> {
                String[] drug = DRUGS[patient % DRUGS.length];
                m.append("ORC|NW|").append(order).append("||1|||||").append(ts).append('\r');
                m.append("RXA|0|1|").append(ts).append('|').append(ts).append('|').append(drug[0]).append('^')
                        .append(drug[1]).append("^HOT9|1|TAB^錠^MR9P|||||||||||||CP\r");
                m.append("RXR|PO^口^HL70162\r");
            }
            default -> {
                m.append("SPM|1|||023^血清^JC10\r");
                m.append("OBR|1|").append(order).append("||E001^血液学的検査^99O03|||").append(ts).append('\r');
                for (int k = 0; k < 3; k++) {
                    String[] lab = LABS[(patient + k) % LABS.length];
                    String value = String.format(Locale.ROOT, "%.1f",
                            Double.parseDouble(lab[4]) * (0.9 + 0.2 * random.nextDouble()));
                    m.append("OBX|").append(k + 1).append("|NM|").append(lab[0]).append('^').append(lab[1])
                            .append("^JC10||").append(value).append('|').append(lab[2]).append('^').append(lab[2])
                            .append("^99XYZ|").append(lab[3]).append("||||F|||").append(ts).append('\r');
                }
            }
        }
        return m.toString();
    }
}
