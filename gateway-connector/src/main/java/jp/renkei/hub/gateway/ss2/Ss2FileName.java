package jp.renkei.hub.gateway.ss2;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renkei.hub.gateway.hl7.Hl7Dates;
import jp.renkei.hub.gateway.ingest.ErrorLocation;
import jp.renkei.hub.gateway.ingest.IngestFailure;

/**
 * The name of a file in SS-MIX2 standardized storage:
 * {@code <patient ID>_<care date yyyyMMdd or ->_<data type>_<order no. (15)>_<message time yyyyMMddHHmmssfff>_<department or ->_<condition flag>},
 * condition flag {@code 1} current, {@code 0} cancelled.
 *
 * @param warnings deviations accepted because they do not affect identity (e.g. an order number shorter than 15)
 */
public record Ss2FileName(String patientId, String careDate, String dataType, String orderNumber,
                         LocalDateTime timestamp, String department, boolean cancelled, List<String> warnings) {

    private static final Pattern NAME = Pattern.compile(
            "([0-9A-Za-z]{1,64})_(\\d{8}|-)_([A-Z]{3}(?:-\\d{2})?)_([0-9A-Za-z]{1,15})_(\\d{17})_([0-9A-Za-z]+|-)_([01])");

    public static Ss2FileName parse(String fileName) throws IngestFailure {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IngestFailure("file name '" + fileName + "' does not follow the SS-MIX2 rule <patient ID>_<date"
                    + " or ->_<data type>_<order no.>_<timestamp yyyyMMddHHmmssfff>_<department or ->_<flag 0|1>",
                    ErrorLocation.WHOLE);
        }
        List<String> warnings = new ArrayList<>();
        if (m.group(4).length() != 15) {
            warnings.add("order number '" + m.group(4) + "' has " + m.group(4).length() + " characters, SS-MIX2 uses 15");
        }
        String stamp = m.group(5);
        LocalDateTime timestamp = Hl7Dates.local(stamp, new ErrorLocation("file name timestamp", 0, 0, 0));
        if (!m.group(2).equals("-")) {
            Hl7Dates.local(m.group(2), new ErrorLocation("file name care date", 0, 0, 0));
        }
        return new Ss2FileName(m.group(1), m.group(2), m.group(3), m.group(4), timestamp, m.group(6),
                m.group(7).equals("0"), warnings);
    }
}
