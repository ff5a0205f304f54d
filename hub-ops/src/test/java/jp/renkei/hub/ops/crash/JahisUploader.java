package jp.renkei.hub.ops.crash;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * A pharmacy system uploading e-medication-notebook files (JAHIS TC, Shift_JIS) with
 * {@code POST /api/gateway/jahis} as its pharmacist, one patient per file: one dispensing of two drugs. An upload
 * is acknowledged by HTTP 200.
 */
final class JahisUploader extends AcknowledgedSender {

    static final int DISPENSES_PER_FILE = 2;
    private static final Charset SHIFT_JIS = Charset.forName("windows-31j");

    private volatile HubHttp pharmacist;

    JahisUploader(HubHttp pharmacist, int files) {
        super("JAHIS", files);
        this.pharmacist = pharmacist;
    }

    /** The pharmacist's client for the restarted hub (another port, the same session). */
    void target(HubHttp restarted) {
        this.pharmacist = restarted;
    }

    static String patientId(int i) {
        return String.format("J%06d", i + 1);
    }

    @Override
    protected boolean send(int i) throws Exception {
        HubHttp.Answer answer = pharmacist.postBytes("/api/gateway/jahis?fileName=notebook-" + i + ".txt&patientId="
                + patientId(i), "application/octet-stream", notebook(i));
        if (answer.status() != 200) {
            throw new IllegalStateException("JAHIS upload " + i + ": HTTP " + answer.status() + " " + answer.body());
        }
        return true;
    }

    /** Our own fixture: the demo pharmacy's dispensing of two drugs to patient {@code i}. */
    static byte[] notebook(int i) {
        String date = LocalDate.of(2026, 4, 1).plusDays(i % 200).format(DateTimeFormatter.BASIC_ISO_DATE);
        String text = String.join("\r\n",
                "JAHISTC08,1",
                "1,試験 患者" + (i + 1) + ",2,1950" + String.format("%02d", i % 12 + 1) + "15,963-8001,福島県郡山市大町1-2-3,,,,,シケン カンジャ",
                "5," + date + ",1",
                "11,さくら調剤薬局 郡山店,07,4,0300015,963-8002,福島県郡山市駅前2-1-1,024-000-2222,1",
                "15,調剤 一郎,024-000-2222,1",
                "51,あさか内科クリニック,07,1,0212345,1",
                "55,安積 健,内科,1",
                "201,1,アムロジピン錠５ｍｇ「サワイ」,1,錠,4,2171022F1147,1",
                "301,1,１日１回朝食後,28,日分,1,1,,1",
                "201,2,ロスバスタチン錠２．５ｍｇ「ＤＳＥＰ」,1,錠,4,2189017F1019,1",
                "301,2,１日１回夕食後,28,日分,1,1,,1", "");
        return text.getBytes(SHIFT_JIS);
    }
}
