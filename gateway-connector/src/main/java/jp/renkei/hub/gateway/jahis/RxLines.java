package jp.renkei.hub.gateway.jahis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The per-line account of a prescription 2D symbol that was read: its reader refuses any record it cannot place,
 * so every record line of a read document is imported (into the prescription's MedicationRequests, its requester
 * or its patient) except those it lists as not imported (insurance, public funding, remarks: not clinical data
 * the hub shares); blank lines are not mapped.
 */
final class RxLines {

    private RxLines() {
    }

    static List<TcLine> of(TcText text, RxDocument document) {
        Set<Integer> notImported = document.notImported().stream().map(RxRecord::line).collect(Collectors.toSet());
        List<TcLine> lines = new ArrayList<>();
        boolean header = false;
        for (TcText.Line line : text.lines()) {
            String content = line.text().strip();
            if (content.isEmpty()) {
                lines.add(new TcLine(line.number(), "blank", TcLine.Outcome.NOT_MAPPED, "blank line: nothing to import"));
            } else if (!header) {
                header = true;
                lines.add(new TcLine(line.number(), "header", TcLine.Outcome.IMPORTED, "version " + content));
            } else {
                String record = RxRecordType.byNumber(content.split(",", -1)[0].strip()).map(RxRecordType::label)
                        .orElse("line");
                lines.add(notImported.contains(line.number())
                        ? new TcLine(line.number(), record, TcLine.Outcome.NOT_MAPPED, "read, not mapped: insurance,"
                        + " public funding and remarks are not clinical data the hub shares")
                        : new TcLine(line.number(), record, TcLine.Outcome.IMPORTED,
                        "the prescription's MedicationRequests (drug, usage, requester, patient)"));
            }
        }
        return lines;
    }
}
