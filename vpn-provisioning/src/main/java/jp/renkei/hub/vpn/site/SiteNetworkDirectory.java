package jp.renkei.hub.vpn.site;

import java.util.List;
import java.util.Optional;

import jp.renkei.hub.core.network.DicomNode;
import jp.renkei.hub.core.network.NetworkPrefix;
import jp.renkei.hub.core.network.SiteNetworks;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The site records as the DICOM bridge and the gateway see them: prefixes and DICOM nodes, read at each ask. */
@Component
class SiteNetworkDirectory implements SiteNetworks {

    private final SiteStore store;

    SiteNetworkDirectory(SiteStore store) {
        this.store = store;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<List<NetworkPrefix>> prefixesOf(String facilityId) {
        return store.find(facilityId).map(site -> site.lanPrefixes().stream()
                .map(prefix -> new NetworkPrefix(prefix.network(), prefix.length())).toList());
    }

    @Override
    @Transactional(readOnly = true)
    public List<DicomNode> dicomNodesOf(String facilityId) {
        return store.dicomNodes(facilityId);
    }
}
