package jp.renkei.hub.dicom.net;

/**
 * The values of an A-ASSOCIATE-RJ (PS3.8 9.3.4): result, source, and the reason the source gives. The reasons
 * are numbered per source, so each constant carries its source.
 */
public record Rejection(int result, int source, int reason, String explanation) {

    public static final int PERMANENT = 1;
    public static final int TRANSIENT = 2;

    public static final int SERVICE_USER = 1;
    public static final int ACSE_PROVIDER = 2;
    public static final int PRESENTATION_PROVIDER = 3;

    /** Service user: no reason given. */
    public static Rejection noReasonGiven(int result, String explanation) {
        return new Rejection(result, SERVICE_USER, 1, explanation);
    }

    /** Service user: application context name not supported. */
    public static Rejection applicationContextNotSupported(String explanation) {
        return new Rejection(PERMANENT, SERVICE_USER, 2, explanation);
    }

    /** Service user: calling AE title not recognized. */
    public static Rejection callingAeNotRecognized(int result, String explanation) {
        return new Rejection(result, SERVICE_USER, 3, explanation);
    }

    /** Service user: called AE title not recognized. */
    public static Rejection calledAeNotRecognized(String explanation) {
        return new Rejection(PERMANENT, SERVICE_USER, 7, explanation);
    }

    /** ACSE provider: protocol version not supported. */
    public static Rejection protocolVersionNotSupported(String explanation) {
        return new Rejection(PERMANENT, ACSE_PROVIDER, 2, explanation);
    }

    /** Presentation provider: local limit exceeded (too many associations). */
    public static Rejection localLimitExceeded(String explanation) {
        return new Rejection(TRANSIENT, PRESENTATION_PROVIDER, 2, explanation);
    }

    Pdu.AssociateReject toPdu() {
        return new Pdu.AssociateReject(result, source, reason);
    }
}
