package jp.renkei.hub.gateway.ss2;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jp.renkei.hub.gateway.hl7.Hl7Dates;
import jp.renkei.hub.gateway.hl7.Hl7Message;
import jp.renkei.hub.gateway.hl7.Hl7Segment;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.IngestResult;
import jp.renkei.hub.gateway.ingest.QuarantineSource;
import jp.renkei.hub.gateway.ingest.SourceRef;
import org.springframework.stereotype.Component;

/**
 * THE entry point for an HL7 v2.5 message pushed by a facility's gateway (MLLP, StoreClient style): the bytes as
 * received (ISO-2022-JP per MSH-18), from the facility the connection authenticated. Returns when the outcome is
 * durable: {@link IngestResult.Status#STORED} → ACK AA; QUARANTINED → AE, REJECTED (unsupported type, no readable MSH) → AR, both with the reason and
 * {@link IngestResult#location()} for the ERR segment, and the message kept in quarantine.
 * <p>
 * Without a file name, the message itself says what it is: the SS-MIX2 data type from MSH-9 (and, for RDE/RAS,
 * whether it is an injection), the patient from PID-3, the order from ORC-2, the version from MSH-7,
 * cancellation from ORC-1 {@code CA} or the cancel triggers (A11, A13, A23).
 */
@Component
public class Hl7MessageIngest implements QuarantineSource {

    private static final Set<String> INJECTION_ROUTES = Set.of("IV", "IM", "SC", "ID", "IA", "IO", "IT", "EP");

    private final Ss2Pipeline pipeline;

    public Hl7MessageIngest(Ss2Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    public IngestResult receive(String facilityId, byte[] message) {
        String controlId = controlIdOf(message);
        return pipeline.process(facilityId, new SourceRef(SourceRef.HL7_MESSAGE, controlId), message,
                (parsed, warnings) -> identify(facilityId, parsed), outcome -> { });
    }

    @Override
    public String kind() {
        return SourceRef.HL7_MESSAGE;
    }

    @Override
    public IngestResult reprocess(String facilityId, SourceRef source, byte[] raw) {
        return receive(facilityId, raw);
    }

    static Ss2Input identify(String facilityId, Hl7Message message) throws IngestFailure {
        String code = message.messageCode();
        String trigger = message.triggerEvent();
        String dataType = dataType(code, trigger, message).orElseThrow(() -> new IngestFailure("message type " + code
                + "^" + trigger + " is not accepted (SS-MIX2 types: ADT^A01-A04/A08/A11-A16/A21-A23/A31/A54/A55/A60,"
                + " PPR^ZD1, OMD^O03, RDE^O11, RAS^O17, OML^O33, OUL^R22, OMG^O19, OMI^Z23, ORU^R01; documents"
                + " MDM^T02/T10/T11)", message.msh().at(9), true, null));
        Hl7Segment pid = message.require("PID");
        String patientId = pid.get(3, 0, 1, 1);
        if (patientId.isEmpty()) {
            throw new IngestFailure("the patient ID is missing", pid.at(3, 1));
        }
        Hl7Segment msh = message.msh();
        LocalDateTime version = Hl7Dates.local(msh.get(7), msh.at(7));
        Optional<Hl7Segment> orc = message.first("ORC");
        String order = orc.map(o -> o.get(2)).filter(o -> !o.isEmpty())
                .or(() -> message.first("OBR").map(o -> o.get(2)).filter(o -> !o.isEmpty()))
                .or(() -> message.first("TXA").map(t -> t.get(12, 1)).filter(o -> !o.isEmpty()))
                .orElse(Ss2Input.NO_ORDER);
        boolean cancelled = Set.of("A11", "A12", "A13", "A23", "A25", "A26", "A27", "A52", "A53", "A55", "T11")
                .contains(trigger)
                || (orc.isPresent() && message.all("ORC").stream().allMatch(o -> o.get(1).equals("CA")));
        String careDate = dataType.equals("ADT-00") || dataType.equals("ADT-61") ? "-"
                : message.first("EVN").map(e -> e.get(2)).filter(d -> d.length() >= 8).orElse(msh.get(7))
                .substring(0, 8);
        return new Ss2Input(facilityId, patientId, dataType, order, careDate, version, cancelled,
                new SourceRef(SourceRef.HL7_MESSAGE, message.controlId()), message);
    }

    private static Optional<String> dataType(String code, String trigger, Hl7Message message) {
        String type = code + "^" + trigger;
        return Optional.ofNullable(switch (type) {
            case "ADT^A08", "ADT^A23", "ADT^A31" -> "ADT-00";
            case "ADT^A54", "ADT^A55" -> "ADT-01";
            case "ADT^A04" -> "ADT-12";
            case "ADT^A14", "ADT^A27" -> "ADT-21";
            case "ADT^A21", "ADT^A52" -> "ADT-31";
            case "ADT^A22", "ADT^A53" -> "ADT-32";
            case "ADT^A15", "ADT^A26" -> "ADT-41";
            case "ADT^A02", "ADT^A12" -> "ADT-42";
            case "ADT^A16", "ADT^A25" -> "ADT-51";
            case "ADT^A60" -> "ADT-61";
            case "ADT^A01", "ADT^A11" -> "ADT-22";
            case "ADT^A03", "ADT^A13" -> "ADT-52";
            case "PPR^ZD1" -> "PPR-01";
            case "OMD^O03" -> "OMD";
            case "RDE^O11" -> message.first("RXC").isPresent() ? "OMP-02" : "OMP-01";
            case "RAS^O17" -> isInjection(message) ? "OMP-12" : "OMP-11";
            case "OML^O33" -> "OML-01";
            case "OUL^R22" -> "OML-11";
            // radiology codes are JJ1017, endoscopy codes LENDO (JED); anything else is a physiology test
            case "OMG^O19" -> examination(message, "OMG-01", "OMG-02", "OMG-03");
            case "OMI^Z23" -> examination(message, "OMG-11", "OMG-12", "OMG-11");
            case "ORU^R01" -> "OMG-13";
            case "MDM^T02", "MDM^T10", "MDM^T11" -> "MDM";
            default -> null;
        });
    }

    private static String examination(Hl7Message message, String radiology, String endoscopy, String other) {
        String system = message.first("OBR").map(obr -> obr.get(4, 3)).orElse("");
        return system.startsWith("JJ1017") ? radiology : system.equals("LENDO") ? endoscopy : other;
    }

    private static boolean isInjection(Hl7Message message) {
        List<Hl7Segment> routes = message.all("RXR");
        return routes.stream().anyMatch(r -> INJECTION_ROUTES.contains(r.get(1, 1)) || r.has(3));
    }

    /** MSH-10 read without parsing (the message may not parse), for the quarantine's source reference. */
    private static String controlIdOf(byte[] message) {
        String head = new String(message, 0, Math.min(message.length, 512), java.nio.charset.StandardCharsets.US_ASCII);
        String[] fields = head.split("[\r\n]", 2)[0].split("\\|", -1);
        return head.startsWith("MSH") && fields.length > 9 && !fields[9].isEmpty() ? fields[9] : "(no control ID)";
    }
}
