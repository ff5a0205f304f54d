package jp.renkei.hub.core.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * A DICOM node registered for a facility's VPN site: its AE title, where it listens (an address literal inside the
 * site's prefixes, never a name the hub would have to resolve) and what it does with the hub.
 *
 * @param host an IPv4 or IPv6 address literal
 */
public record DicomNode(String aeTitle, String host, int port, Set<Service> accepts) {

    /** What a node does with the hub. */
    public enum Service {
        /** It accepts C-STORE from the hub: a C-MOVE destination. */
        STORE_DESTINATION,
        /** It queries and retrieves from the hub (C-FIND, C-GET, C-MOVE SCU). */
        QUERY_RETRIEVE
    }

    public DicomNode {
        accepts = Set.copyOf(accepts);
    }

    /** The host as an address (a literal: no name lookup happens). */
    public InetAddress address() {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("DICOM node " + aeTitle + " has a host that is not an address: " + host, e);
        }
    }

    public boolean isStoreDestination() {
        return accepts.contains(Service.STORE_DESTINATION);
    }
}
