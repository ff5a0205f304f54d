package jp.renkei.hub.dicom.net;

/**
 * Who may associate: decides on every A-ASSOCIATE-RQ by its {@link AssociationRequester} (AE titles, peer address,
 * verified TLS client certificate), and hears when an
 * accepted association ends. The network layer knows nothing of facilities; the policy does.
 */
public interface AssociationPolicy {

    /** Either a rejection, or acceptance carrying what the services need to know of the peer. */
    record Admission(Rejection rejection, Object peer) {

        public static Admission accept(Object peer) {
            return new Admission(null, peer);
        }

        public static Admission reject(Rejection rejection) {
            return new Admission(rejection, null);
        }

        public boolean accepted() {
            return rejection == null;
        }
    }

    Admission admit(AssociationRequester requester);

    /**
     * Called once when an accepted association ends, before the A-RELEASE-RP is sent on a release (so that
     * work the association caused is done when the peer sees it released) and after the connection is gone on
     * an abort or failure.
     */
    default void ending(Association association, boolean released) {
    }
}
