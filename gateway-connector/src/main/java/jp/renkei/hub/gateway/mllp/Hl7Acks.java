package jp.renkei.hub.gateway.mllp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v25.message.ACK;
import ca.uhn.hl7v2.model.v25.segment.ERR;
import ca.uhn.hl7v2.model.v25.segment.MSH;
import ca.uhn.hl7v2.parser.PipeParser;
import jp.renkei.hub.gateway.hl7.Iso2022Jp;
import jp.renkei.hub.gateway.ingest.ErrorLocation;
import jp.renkei.hub.gateway.ingest.IngestResult;

/**
 * HL7 v2.5 acknowledgements built with HAPI: MSA-1 {@code AA} (stored), {@code AE} (kept in quarantine, or the
 * hub failed) or {@code AR} (refused), MSA-2 the message's control ID, and for errors an ERR segment with the
 * location (ERR-2), error code (ERR-3, HL7 table 0357), severity and the reason as user message (ERR-8). The
 * reply mirrors the message's character set: ISO-2022-JP when MSH-18 names ISO IR87, else UTF-8.
 */
public final class Hl7Acks {

    public static final String HUB_APPLICATION = "RENKEI-HUB";
    private static final PipeParser PARSER = PipeParser.getInstanceWithNoValidation();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ")
            .withZone(ZoneId.of("Asia/Tokyo"));

    private Hl7Acks() {
    }

    /** The acknowledgement for {@code result}. */
    public static byte[] forResult(byte[] message, IngestResult result) {
        String code = switch (result.status()) {
            case STORED, SKIPPED -> "AA";
            case QUARANTINED -> "AE";
            case REJECTED -> "AR";
        };
        return build(MessageHeader.of(message), code, result.accepted() ? null : result.reason(), result.location());
    }

    /** AE: the hub could not process the message (it is not stored; the sender should retry later). */
    public static byte[] forFailure(byte[] message, String reason) {
        return build(MessageHeader.of(message), "AE", reason, ErrorLocation.WHOLE);
    }

    /** AR: the message is refused without processing (e.g. the sender's certificate is no longer valid). */
    public static byte[] refusal(byte[] message, String reason) {
        return build(MessageHeader.of(message), "AR", reason, ErrorLocation.WHOLE);
    }

    private static byte[] build(MessageHeader incoming, String code, String reason, ErrorLocation location) {
        try {
            ACK ack = new ACK();
            MSH msh = ack.getMSH();
            msh.getFieldSeparator().setValue("|");
            msh.getEncodingCharacters().setValue("^~\\&");
            msh.getSendingApplication().getNamespaceID().setValue(HUB_APPLICATION);
            msh.getReceivingApplication().getNamespaceID().setValue(incoming.field(3));
            msh.getReceivingFacility().getNamespaceID().setValue(incoming.field(4));
            msh.getDateTimeOfMessage().getTime().setValue(TIMESTAMP.format(Instant.now()));
            msh.getMessageType().getMessageCode().setValue("ACK");
            msh.getMessageType().getTriggerEvent().setValue(incoming.component(9, 2));
            msh.getMessageType().getMessageStructure().setValue("ACK");
            msh.getMessageControlID().setValue(controlId());
            msh.getProcessingID().getProcessingID().setValue(incoming.field(11).isEmpty() ? "P" : incoming.field(11));
            msh.getVersionID().getVersionID().setValue("2.5");
            if (incoming.iso2022Jp()) {
                msh.getCharacterSet(0).setValue("");
                msh.getCharacterSet(1).setValue("ISO IR87");
                msh.getPrincipalLanguageOfMessage().getIdentifier().setValue("ja");
                msh.getAlternateCharacterSetHandlingScheme().setValue("ISO 2022-1994");
            } else {
                msh.getCharacterSet(0).setValue("UNICODE UTF-8");
            }
            ack.getMSA().getAcknowledgmentCode().setValue(code);
            ack.getMSA().getMessageControlID().setValue(incoming.field(10));
            if (reason != null) {
                ERR err = ack.getERR(0);
                if (!location.isWhole()) {
                    err.getErrorLocation(0).getSegmentID().setValue(location.segment());
                    if (location.segmentIndex() > 0) {
                        err.getErrorLocation(0).getSegmentSequence().setValue(String.valueOf(location.segmentIndex()));
                    }
                    if (location.field() > 0) {
                        err.getErrorLocation(0).getFieldPosition().setValue(String.valueOf(location.field()));
                    }
                    if (location.component() > 0) {
                        err.getErrorLocation(0).getComponentNumber().setValue(String.valueOf(location.component()));
                    }
                }
                err.getHL7ErrorCode().getIdentifier().setValue(code.equals("AR") ? "200" : "207");
                err.getHL7ErrorCode().getText().setValue(code.equals("AR") ? "Unsupported message" : "Application error");
                err.getHL7ErrorCode().getNameOfCodingSystem().setValue("HL70357");
                err.getSeverity().setValue("E");
                err.getUserMessage().setValue(escapeFree(reason));
            }
            String text = PARSER.encode(ack);
            return incoming.iso2022Jp() ? Iso2022Jp.encode(jisOnly(text)) : text.getBytes(StandardCharsets.UTF_8);
        } catch (HL7Exception e) {
            throw new IllegalStateException("could not build an HL7 acknowledgement", e);
        }
    }

    /** Up to 20 characters, unique enough for a reply: time and randomness. */
    private static String controlId() {
        return "ACK" + Long.toString(System.currentTimeMillis(), 36).toUpperCase()
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).toUpperCase();
    }

    /** The reason in one line, without HL7 delimiters that the parser would otherwise have to escape. */
    private static String escapeFree(String reason) {
        return reason.replace('\r', ' ').replace('\n', ' ');
    }

    /** Characters outside JIS X 0208 (e.g. some symbols) become '?' so the reply is always encodable. */
    private static String jisOnly(String text) {
        var encoder = java.nio.charset.Charset.forName("ISO-2022-JP").newEncoder();
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> safe.append(encoder.canEncode(Character.toString(c))
                ? Character.toString(c) : "?"));
        return safe.toString();
    }

    /** The incoming MSH read leniently (the message may be garbage): fields by number, empty when absent. */
    record MessageHeader(String[] fields, char componentSeparator) {

        static MessageHeader of(byte[] message) {
            String head = new String(message, 0, Math.min(message.length, 1024), StandardCharsets.US_ASCII);
            String first = head.split("[\r\n]", 2)[0];
            if (!first.startsWith("MSH") || first.length() < 8) {
                return new MessageHeader(new String[0], '^');
            }
            char separator = first.charAt(3);
            String[] split = first.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1);
            // MSH-1 is the separator itself: field n is split[n - 1]
            return new MessageHeader(split, first.charAt(4));
        }

        String field(int number) {
            int index = number - 1;
            return number >= 2 && index < fields.length ? fields[index].strip() : "";
        }

        String component(int number, int component) {
            String[] parts = field(number).split(java.util.regex.Pattern.quote(String.valueOf(componentSeparator)), -1);
            return component <= parts.length ? parts[component - 1] : "";
        }

        boolean iso2022Jp() {
            return field(18).contains("IR87") || field(18).contains("ISO 2022");
        }
    }
}
