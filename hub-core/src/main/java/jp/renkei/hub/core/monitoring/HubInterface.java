package jp.renkei.hub.core.monitoring;

import java.util.Locale;

/** The ways into the hub, as the {@code interface} tag of {@link HubMeters#REQUESTS}. */
public enum HubInterface {
    /** {@code /fhir/**} and care-net's read-only {@code /care-net/fhir/**}. */
    FHIR,
    /** The REST API {@code /api/**}. */
    REST,
    /** {@code /dicomweb/**}: QIDO-RS, WADO-RS, STOW-RS. */
    DICOMWEB,
    /** The web portal {@code /portal/**}. */
    PORTAL,
    /** HL7 v2.5 messages over MLLP (gateway-connector). */
    MLLP,
    /** DICOM DIMSE requests on the DICOM listener (dicom-bridge). */
    DICOM,
    /** Anything else over HTTPS: the CA and CRL, actuator, the OpenAPI description. */
    OTHER;

    /** The tag value: the name in lower case. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The interface an HTTPS request path belongs to (the path without the context path). */
    public static HubInterface ofPath(String path) {
        if (path == null) {
            return OTHER;
        }
        if (under(path, "/fhir") || under(path, "/care-net/fhir")) {
            return FHIR;
        }
        if (under(path, "/api")) {
            return REST;
        }
        if (under(path, "/dicomweb")) {
            return DICOMWEB;
        }
        if (under(path, "/portal") || path.equals("/")) {
            return PORTAL;
        }
        return OTHER;
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
