package jp.renkei.hub.gateway.jahis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renkei.hub.gateway.jahis.TcDocument.OutputCategory;

/**
 * Reads a JAHIS e-medication-notebook (電子版お薬手帳, "TC") file: bytes in CP932 or UTF-8 with CRLF or LF, every
 * version from 01 on. JAHIS revises the format by appending fields to a record and adding records, never by moving
 * or re-purposing a field, so one layout reads them all: versions 01 to {@value #NEWEST_KNOWN_VERSION} are those
 * whose records this reader knows; a newer one is read forward-compatibly (known fields by position, appended
 * fields ignored) and reported as such by {@link #isNewerThanKnown(int)}. Version 00 does not exist and is refused.
 * What makes the file unreadable or unattributable is a {@link JahisFormatException} naming the line, record, field
 * and reason; every other problem is recorded on its line ({@link TcDocument#lines()}: imported with a warning, or
 * not mapped with the reason — a record number no version defines, a blank line), so nothing is skipped silently.
 * Split output (record 911) is reassembled when several parts are in one upload (each part starts with its own
 * header); a part alone is read on its own and reported as such in {@link TcDocument#split()}.
 */
public final class JahisTcReader {

    /** The newest version whose records this reader knows (JAHISTC08, Ver.2.5). */
    public static final int NEWEST_KNOWN_VERSION = 8;
    private static final Pattern TC_HEADER = Pattern.compile("JAHISTC(\\d{2})(?:,(.*))?");
    private static final Pattern OTHER_JAHIS_HEADER = Pattern.compile("JAHIS(\\d{2}).*");

    public TcDocument read(byte[] bytes) {
        return read(TcText.decode(bytes));
    }

    public TcDocument read(TcText text) {
        TcLines lines = new TcLines();
        List<Part> parts = parts(text.lines(), lines);
        Header header = parts.get(0).header();
        Optional<TcDocument.Split> split = split(parts);
        List<TcRecord> records = new ArrayList<>();
        parts.stream()
                .sorted(Comparator.comparingInt(p -> p.splitControl() == null ? 0 : p.splitControl().part()))
                .forEach(p -> records.addAll(p.records()));
        try {
            return new TcStructure(records, lines).document(Integer.parseInt(header.version()), header.category(), text,
                    split);
        } catch (JahisFormatException e) {
            if (split.isPresent() && !split.get().complete()) {
                throw new JahisFormatException(e.line(), e.record(), e.field(), e.fieldName(), e.reason()
                        + "; note: " + split.get().describe() + ", the missing parts may hold what is missing here"
                        + " - upload all parts together in one file");
            }
            throw e;
        }
    }

    private record Header(int line, String version, OutputCategory category) {
    }

    private record SplitControl(int line, String dataId, int total, int part) {
    }

    private record Part(Header header, List<TcRecord> records, SplitControl splitControl) {
    }

    /**
     * Cuts the lines into parts at each header; the first non-blank line must be a header. Blank lines and records
     * of a number no version defines are listed as not mapped.
     */
    private static List<Part> parts(List<TcText.Line> lines, TcLines report) {
        List<Part> parts = new ArrayList<>();
        Header header = null;
        List<TcRecord> records = new ArrayList<>();
        SplitControl splitControl = null;
        for (TcText.Line line : lines) {
            String content = line.text().strip();
            if (content.isEmpty()) {
                report.notMapped(line.number(), "blank", "blank line: nothing to import");
                continue;
            }
            if (header == null || content.startsWith("JAHIS")) {
                if (header != null) {
                    parts.add(new Part(header, records, splitControl));
                    records = new ArrayList<>();
                    splitControl = null;
                }
                header = header(line.number(), content, report);
                continue;
            }
            Optional<TcRecordType> type = TcRecordType.byNumber(fields(content).get(0).strip());
            if (type.isEmpty()) {
                report.notMapped(line.number(), "record " + abbreviate(fields(content).get(0).strip()), "unknown record"
                        + " number '" + abbreviate(fields(content).get(0).strip()) + "' (not a record of JAHIS TC"
                        + " versions 01 to " + String.format("%02d", NEWEST_KNOWN_VERSION) + "): not mapped");
                continue;
            }
            TcRecord record = new TcRecord(line.number(), type.get(), fields(content).subList(1, fields(content).size()));
            if (record.type() == TcRecordType.SPLIT_CONTROL) {
                if (splitControl != null) {
                    throw record.error("a second split-control record in one part (the first is on line "
                            + splitControl.line() + ")");
                }
                splitControl = splitControl(record);
                report.imported(record, "split control: part " + splitControl.part() + " of " + splitControl.total());
            } else {
                records.add(record);
            }
        }
        parts.add(new Part(header, records, splitControl));
        return parts;
    }

    private static Header header(int line, String content, TcLines report) {
        Matcher tc = TC_HEADER.matcher(content);
        if (!tc.matches()) {
            Matcher other = OTHER_JAHIS_HEADER.matcher(content);
            String reason = other.matches() && other.group(1).equals("10")
                    ? "header '" + content + "' is a JAHIS prescription 2D-symbol (院外処方せん2次元シンボル, JAHIS10) file,"
                    + " not an e-medication notebook (expected JAHISTCnn,<output category>)"
                    : "header '" + abbreviate(content) + "' is not a JAHIS e-medication-notebook header"
                    + " (expected JAHISTCnn,<output category>)";
            throw JahisFormatException.ofLine(line, null, reason);
        }
        String version = tc.group(1);
        if (Integer.parseInt(version) == 0) {
            throw JahisFormatException.ofLine(line, null, "JAHIS TC version 00 does not exist (the first version"
                    + " is 01)");
        }
        String category = tc.group(2) == null ? "" : tc.group(2).strip();
        OutputCategory outputCategory = switch (category) {
            case "1" -> OutputCategory.FACILITY;
            case "2" -> OutputCategory.PATIENT;
            default -> null;
        };
        report.imported(line, "header", "version " + version + (outputCategory == null ? ""
                : ", output category " + category + " (" + (outputCategory == OutputCategory.FACILITY
                ? "written by a facility" : "written by the patient") + ")"));
        if (outputCategory == null) {
            // the category says who wrote the file, not what it means: the records are read all the same
            report.warned(new JahisFormatException(line, "header", 1, "output category", (category.isEmpty()
                    ? "missing" : "'" + category + "' is not 1 (facility) or 2 (patient)") + "; the records are"
                    + " read all the same"));
        }
        return new Header(line, version, outputCategory);
    }

    private static List<String> fields(String content) {
        return Arrays.asList(content.split(",", -1));
    }

    private static SplitControl splitControl(TcRecord record) {
        String dataId = record.required(1, "data ID");
        int total = positive(record, 2, "number of parts");
        int part = positive(record, 3, "part number");
        if (part > total) {
            throw record.error(3, "part number", "part " + part + " of only " + total + " parts");
        }
        return new SplitControl(record.line(), dataId, total, part);
    }

    /** Checks that parts in one upload belong together and are not repeated. */
    private static Optional<TcDocument.Split> split(List<Part> parts) {
        Header first = parts.get(0).header();
        TreeMap<Integer, Part> byNumber = new TreeMap<>();
        for (Part part : parts) {
            SplitControl control = part.splitControl();
            if (parts.size() > 1 && control == null) {
                throw JahisFormatException.ofLine(part.header().line(), null, "a second header in one file, but the"
                        + " part it starts has no split-control record 911 (only split output may repeat the header)");
            }
            if (control == null) {
                continue;
            }
            SplitControl reference = parts.get(0).splitControl();
            if (!part.header().version().equals(first.version()) || part.header().category() != first.category()) {
                // a null category (warned) compares like any other: parts of one output share it
                throw JahisFormatException.ofLine(part.header().line(), null, "this part's header differs from the"
                        + " first part's (line " + first.line() + "): parts of one output share version and category");
            }
            if (!control.dataId().equals(reference.dataId()) || control.total() != reference.total()) {
                throw new JahisFormatException(control.line(), TcRecordType.SPLIT_CONTROL.label(), 1, "data ID",
                        "part of output " + control.dataId() + " (" + control.total() + " parts), but the first part"
                                + " (line " + reference.line() + ") is of output " + reference.dataId() + " ("
                                + reference.total() + " parts)");
            }
            Part previous = byNumber.put(control.part(), part);
            if (previous != null) {
                throw new JahisFormatException(control.line(), TcRecordType.SPLIT_CONTROL.label(), 3, "part number",
                        "part " + control.part() + " appears twice (also on line " + previous.splitControl().line() + ")");
            }
        }
        if (byNumber.isEmpty()) {
            return Optional.empty();
        }
        SplitControl reference = byNumber.firstEntry().getValue().splitControl();
        return Optional.of(new TcDocument.Split(reference.dataId(), reference.total(), List.copyOf(byNumber.keySet())));
    }

    private static int positive(TcRecord record, int index, String name) {
        String value = record.required(index, name);
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw record.error(index, name, "'" + value + "' is not a positive whole number");
    }

    /** True for a version newer than {@link #NEWEST_KNOWN_VERSION}: read forward-compatibly, worth a warning. */
    public static boolean isNewerThanKnown(int version) {
        return version > NEWEST_KNOWN_VERSION;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
