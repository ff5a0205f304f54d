package jp.renkei.hub.vpn.status;

/**
 * One item of a site's onboarding checklist.
 *
 * @param nextStep what to do next, in Japanese; null when the item is done
 */
public record ChecklistItem(Check check, boolean done, String nextStep) {

    /** What a live site needs, in the order they are usually done. */
    public enum Check {
        /** The router holds a current, unexpired certificate from the hub CA. */
        ROUTER_CERTIFICATE,
        /** The IPsec tunnel is established (IKE SA up, CHILD SA installed). */
        TUNNEL,
        /** The facility's gateway holds a current, unexpired TLS client certificate (MLLP, HTTPS). */
        GATEWAY_CERTIFICATE,
        /** The facility has registered its DICOM AE title(s). */
        DICOM_AE_TITLE
    }

    static ChecklistItem done(Check check) {
        return new ChecklistItem(check, true, null);
    }

    static ChecklistItem todo(Check check, String nextStep) {
        return new ChecklistItem(check, false, nextStep);
    }
}
