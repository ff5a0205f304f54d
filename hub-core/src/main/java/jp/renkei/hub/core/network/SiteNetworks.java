package jp.renkei.hub.core.network;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the hub knows of a facility's network: the LAN prefixes of its VPN site and the DICOM nodes registered
 * there. Implemented by vpn-provisioning (the site records); asked by the DICOM bridge and the gateway, which must
 * not depend on it.
 */
public interface SiteNetworks {

    /** The facility's site prefixes; empty when the facility has no VPN site record. */
    Optional<List<NetworkPrefix>> prefixesOf(String facilityId);

    /** The DICOM nodes registered for the facility's site (none without a site). */
    List<DicomNode> dicomNodesOf(String facilityId);

    /** The facility's registered node with this AE title that accepts C-STORE from the hub: a C-MOVE destination. */
    default Optional<DicomNode> storeDestination(String facilityId, String aeTitle) {
        return dicomNodesOf(facilityId).stream().filter(DicomNode::isStoreDestination)
                .filter(node -> node.aeTitle().equals(aeTitle)).findFirst();
    }

    /** No site records at all: for a hub without vpn-provisioning. */
    SiteNetworks NONE = ofPrefixes(Map.of());

    /** Sites known in advance by their prefixes, without DICOM nodes (stand-ins and tests). */
    static SiteNetworks ofPrefixes(Map<String, List<NetworkPrefix>> prefixes) {
        Map<String, List<NetworkPrefix>> copy = Map.copyOf(prefixes);
        return new SiteNetworks() {
            @Override
            public Optional<List<NetworkPrefix>> prefixesOf(String facilityId) {
                return Optional.ofNullable(copy.get(facilityId));
            }

            @Override
            public List<DicomNode> dicomNodesOf(String facilityId) {
                return List.of();
            }
        };
    }
}
