package jp.renkei.hub.gateway.ingest;

/**
 * An input that cannot be parsed or mapped, with the exact reason and where: it is quarantined, never half
 * stored. {@code rejected} marks inputs the sender must not resend as they are (an HL7 ACK {@code AR}: unknown
 * facility, unsupported message type) as opposed to content errors ({@code AE}).
 */
public class IngestFailure extends Exception {

    private final ErrorLocation location;
    private final boolean rejected;

    public IngestFailure(String reason, ErrorLocation location) {
        this(reason, location, false, null);
    }

    public IngestFailure(String reason, ErrorLocation location, boolean rejected, Throwable cause) {
        super(reason, cause);
        this.location = location == null ? ErrorLocation.WHOLE : location;
        this.rejected = rejected;
    }

    public static IngestFailure rejected(String reason) {
        return new IngestFailure(reason, ErrorLocation.WHOLE, true, null);
    }

    public String reason() {
        return getMessage();
    }

    public ErrorLocation location() {
        return location;
    }

    public boolean rejected() {
        return rejected;
    }

    /** Reason with its location, as shown in reports: {@code OBX[3]-14: bad date '20111399'}. */
    public String describe() {
        return location.isWhole() ? reason() : location + ": " + reason();
    }
}
