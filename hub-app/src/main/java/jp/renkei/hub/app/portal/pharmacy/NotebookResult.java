package jp.renkei.hub.app.portal.pharmacy;

import java.util.List;
import java.util.Map;

import jp.renkei.hub.gateway.ingest.ErrorLocation;
import jp.renkei.hub.gateway.ingest.IngestResult;
import jp.renkei.hub.gateway.jahis.JahisImport.JahisImportResult;
import jp.renkei.hub.gateway.jahis.JahisUpload.Uploaded;
import jp.renkei.hub.gateway.jahis.TcLine;

/**
 * An upload's result as the page shows it: whose (the event number, or the pharmacy's own local ID when it has
 * linked none), what was stored by type, the lines imported with a warning and the lines not mapped, or the
 * quarantine's reason and place.
 *
 * @param eventNumber    the patient's event number, formatted; null when the pharmacy has linked none
 * @param localPatientId the pharmacy's own local ID of the patient
 * @param resources      resources stored, by FHIR type
 * @param warned         lines imported with a warning
 * @param notMapped      lines read but not mapped (blank lines left out)
 * @param reason         why the file was quarantined (null when stored)
 * @param storedBefore   records of a quarantined file stored before one failed (0: nothing was stored)
 * @param place          where in the file, when the reason names a line
 */
record NotebookResult(String fileName, String eventNumber, String localPatientId, boolean stored, String format,
                      int dispensings, Map<String, Integer> resources, List<Line> warned, List<Line> notMapped,
                      List<String> fileWarnings, String reason, Place place, int storedBefore) {

    /**
     * One line of the file: its number, the record's number (for its Japanese name) and label, the fields a warning
     * names, and what was said.
     */
    record Line(int line, String recordNumber, String record, List<TcLine.Problem> fields, String detail) {

        static Line of(TcLine line) {
            String number = line.record().split(" ")[0];
            return new Line(line.line(), number.chars().allMatch(Character::isDigit) ? number : line.record(),
                    line.record(), line.problems().stream().filter(p -> p.field() > 0).toList(), line.detail());
        }
    }

    /** A quarantine's place: line, record and field (0 when the reason names none). */
    record Place(int line, String record, int field) {
    }

    static NotebookResult of(Uploaded uploaded) {
        JahisImportResult imported = uploaded.imported();
        IngestResult result = imported.result();
        ErrorLocation location = result.location();
        Place place = location == null || location.isWhole() ? null
                : new Place(location.segmentIndex(), location.segment(), location.field());
        List<TcLine> lines = imported.lines();
        // File-level warnings (not tied to a line) are listed on their own; line warnings are in the table.
        List<String> fileWarnings = result.warnings().stream().filter(w -> lines.stream()
                .noneMatch(l -> l.outcome() == TcLine.Outcome.WARNED && l.detail().contains(w))
                && !w.startsWith("lines not mapped")).toList();
        return new NotebookResult(uploaded.fileName(), uploaded.eventNumber().map(n -> n.formatted()).orElse(null),
                uploaded.localPatientId(), result.accepted(), imported.format(), imported.dispensings(),
                imported.resources(),
                lines.stream().filter(l -> l.outcome() == TcLine.Outcome.WARNED).map(Line::of).toList(),
                lines.stream().filter(l -> l.outcome() == TcLine.Outcome.NOT_MAPPED && !l.record().equals("blank"))
                        .map(Line::of).toList(),
                fileWarnings, result.accepted() ? null : result.reason(), place,
                imported.storedBeforeQuarantine());
    }
}
