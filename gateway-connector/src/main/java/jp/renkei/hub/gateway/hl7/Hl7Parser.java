package jp.renkei.hub.gateway.hl7;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.GenericMessage;
import ca.uhn.hl7v2.model.GenericSegment;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.GenericModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import jp.renkei.hub.gateway.ingest.ErrorLocation;
import jp.renkei.hub.gateway.ingest.IngestFailure;

/**
 * Parses HL7 v2 text (ER7, segments ended by CR; LF and CRLF are accepted too) with HAPI into
 * {@link Hl7Message}. Every segment is parsed by HAPI as a generic segment in the order received: JP Z-segments
 * and message structures outside HAPI's v2.5 model parse like any other, and no group reshuffling hides which
 * RXE followed which ORC. One text holds one message. Refuses, with the segment: no MSH first, a second MSH,
 * malformed segment names, and an MSH without a valid date/time, message type, control ID or version.
 */
public final class Hl7Parser {

    private static final Pattern SEGMENT_NAME = Pattern.compile("[A-Z][A-Z0-9]{2}");
    private static final PipeParser PARSER = PipeParser.getInstanceWithNoValidation();

    private Hl7Parser() {
    }

    public static Hl7Message parse(String text) throws IngestFailure {
        String[] lines = text.split("\r\n|\r|\n");
        List<String> present = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                present.add(line);
            }
        }
        if (present.isEmpty()) {
            // no header to process: refused (AR), as HL7 answers a message whose MSH cannot be read
            throw new IngestFailure("the message is empty", ErrorLocation.WHOLE, true, null);
        }
        String first = present.get(0);
        if (!first.startsWith("MSH") || first.length() < 8) {
            throw new IngestFailure("the message does not start with an MSH segment (it starts with '"
                    + abbreviate(first) + "')", ErrorLocation.segment(name(first), 1), true, null);
        }
        EncodingCharacters encoding = new EncodingCharacters(first.charAt(3), first.substring(4, 8));
        GenericMessage parent = new GenericMessage.V25(new GenericModelClassFactory());
        List<Hl7Segment> segments = new ArrayList<>();
        for (int i = 0; i < present.size(); i++) {
            String line = present.get(i);
            int index = i + 1;
            String name = name(line);
            if (!SEGMENT_NAME.matcher(name).matches()
                    || (line.length() > 3 && line.charAt(3) != encoding.getFieldSeparator())) {
                throw new IngestFailure("'" + abbreviate(line) + "' is not a segment", ErrorLocation.segment(name, index));
            }
            if (name.equals("MSH") && index > 1) {
                throw new IngestFailure("a second MSH segment: one input holds exactly one message",
                        ErrorLocation.segment(name, index));
            }
            GenericSegment segment = new GenericSegment(parent, name);
            try {
                PARSER.parse(segment, line, encoding);
            } catch (HL7Exception e) {
                throw new IngestFailure("HAPI could not parse the segment: " + e.getMessage(),
                        ErrorLocation.segment(name, index), false, e);
            }
            segments.add(new Hl7Segment(name, index, segment));
        }
        Hl7Message message = new Hl7Message(segments);
        requireMsh(message.msh(), 9, "message type");
        requireMsh(message.msh(), 10, "message control ID");
        requireMsh(message.msh(), 12, "version ID");
        requireMsh(message.msh(), 7, "message date/time");
        Hl7Dates.local(message.msh().get(7), message.msh().at(7));
        return message;
    }

    private static void requireMsh(Hl7Segment msh, int field, String what) throws IngestFailure {
        if (!msh.has(field)) {
            throw new IngestFailure("MSH has no " + what, msh.at(field));
        }
    }

    private static String name(String line) {
        return line.length() >= 3 ? line.substring(0, 3) : line;
    }

    private static String abbreviate(String line) {
        return line.length() <= 20 ? line : line.substring(0, 20) + "…";
    }
}
