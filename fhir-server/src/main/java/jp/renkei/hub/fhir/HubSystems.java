package jp.renkei.hub.fhir;

/**
 * Identifier systems the hub defines itself, for what no Japanese standard names. Stable: they are stored
 * in resources and used in conditional match URLs.
 */
public final class HubSystems {

    /** A facility's hub ID (the UUID the facility registry assigned it). */
    public static final String FACILITY = "https://renkei-hub.jp/fhir/sid/facility";

    /**
     * The regional event management number (イベント管理番号), written in its grouped form
     * ({@code EventNumber.formatted()}). An https URL rather than {@code urn:oid:}: the hub has not been
     * assigned an OID arc, and inventing one under somebody else's arc would collide sooner or later. The
     * URL is under the hub's own domain, so it is unique and stays stable even if an OID is registered later
     * (it would then be added alongside, not swapped in, since stored resources carry this one).
     */
    public static final String EVENT_NUMBER = "https://renkei-hub.jp/fhir/sid/event-number";

    /**
     * The {@code meta.tag} naming the facility a resource came from (code = the facility's hub ID). Stamped by
     * the hub on every write by a facility; the consent gate decides by it.
     */
    public static final String SOURCE_FACILITY = "https://renkei-hub.jp/fhir/CodeSystem/source-facility";

    /** A person's hub account ID (the person registry's UUID): who signed or interpreted something. */
    public static final String PERSON = "https://renkei-hub.jp/fhir/sid/person";

    /** A second-read request's ID (dicom-bridge), on the DiagnosticReport that answers it. */
    public static final String SECOND_READ = "https://renkei-hub.jp/fhir/sid/second-read";

    /**
     * The {@code meta.tag} naming the facility whose radiologist wrote a second-read report (code = its hub ID);
     * the report's source-facility tag is the requesting facility, whose data it is.
     */
    public static final String READING_FACILITY = "https://renkei-hub.jp/fhir/CodeSystem/reading-facility";

    private HubSystems() {
    }
}
