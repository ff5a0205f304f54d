package jp.renkei.hub.fhir;

/**
 * Identifier systems the hub defines itself, for what no Japanese standard names. Stable: they are stored
 * in resources and used in conditional match URLs.
 */
public final class HubSystems {

    /** A facility's hub ID (the UUID the facility registry assigned it). */
    public static final String FACILITY = "https://renkei-hub.jp/fhir/sid/facility";

    private HubSystems() {
    }
}
