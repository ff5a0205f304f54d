package jp.renkei.hub.vpn.site;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jp.renkei.hub.core.facility.AeTitle;
import jp.renkei.hub.core.network.DicomNode;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The DICOM nodes of a site (its PACS and workstations): replaced as a whole list, each checked — AE title, an
 * address literal inside the site's LAN prefixes, port, what it accepts — before anything is written.
 */
@Service
public class DicomNodes {

    static final String FIELD = "dicomNodes";
    private static final int MAX_NODES = 32;

    private final SiteStore store;
    private final Sites sites;

    DicomNodes(SiteStore store, Sites sites) {
        this.store = store;
        this.sites = sites;
    }

    /** Replaces the facility's nodes; the site must exist (else the same 404 as another facility's site). */
    @Transactional
    public Site replace(String facilityId, List<DicomNodeRequest> requests, String actorId) {
        // The address plan's lock: a concurrent change of the prefixes cannot strand the nodes checked here.
        store.lockAddressPlan();
        Site site = sites.find(facilityId).orElseThrow(() -> SiteAccess.notFound(facilityId));
        List<DicomNode> nodes = check(requests, site.lanPrefixes());
        store.replaceDicomNodes(facilityId, nodes, actorId);
        return sites.find(facilityId).orElseThrow();
    }

    static List<DicomNode> check(List<DicomNodeRequest> requests, List<IpPrefix> prefixes) {
        if (requests == null) {
            throw ApiException.invalid(FIELD, "DICOM ノードの一覧がありません (空にするなら [] を送ってください)");
        }
        if (requests.size() > MAX_NODES) {
            throw ApiException.invalid(FIELD, "DICOM ノードは " + MAX_NODES + " 個までです");
        }
        List<DicomNode> nodes = new ArrayList<>();
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            DicomNode node = node(requests.get(i), FIELD + "[" + i + "]", prefixes);
            if (!titles.add(node.aeTitle())) {
                throw ApiException.invalid(FIELD + "[" + i + "].aeTitle", "AE タイトル " + node.aeTitle()
                        + " が重複しています");
            }
            nodes.add(node);
        }
        return nodes;
    }

    private static DicomNode node(DicomNodeRequest request, String field, List<IpPrefix> prefixes) {
        if (request == null) {
            throw ApiException.invalid(field, "DICOM ノードが空です");
        }
        String title = request.aeTitle() == null ? "" : request.aeTitle().strip();
        if (!title.matches(AeTitle.PATTERN)) {
            throw ApiException.invalid(field + ".aeTitle", "「" + title + "」は AE タイトルではありません"
                    + " (英大文字・数字・空白・_・- の 1〜16 文字)");
        }
        String hostText = request.host() == null ? "" : request.host().strip();
        if (!Sites.isIpLiteral(hostText)) {
            throw ApiException.invalid(field + ".host", "「" + hostText
                    + "」は IP アドレスではありません (ホスト名は使えません)");
        }
        IpPrefix host = IpPrefix.parse(hostText + (hostText.contains(":") ? "/128" : "/32"));
        if (prefixes.stream().noneMatch(host::overlaps)) {
            throw ApiException.invalid(field + ".host", "「" + hostText + "」はサイトの LAN プレフィックス "
                    + prefixes + " の外です");
        }
        if (request.port() == null || request.port() < 1 || request.port() > 65535) {
            throw ApiException.invalid(field + ".port", "ポート番号は 1〜65535 にしてください");
        }
        if (request.accepts() == null || request.accepts().isEmpty()) {
            throw ApiException.invalid(field + ".accepts", "用途 (STORE_DESTINATION, QUERY_RETRIEVE) を 1 つ以上"
                    + "指定してください");
        }
        Set<DicomNode.Service> accepts = EnumSet.noneOf(DicomNode.Service.class);
        for (String value : request.accepts()) {
            try {
                accepts.add(DicomNode.Service.valueOf(value == null ? "" : value.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid(field + ".accepts", "「" + value
                        + "」は用途ではありません (STORE_DESTINATION または QUERY_RETRIEVE)");
            }
        }
        return new DicomNode(title, Sites.hostText(host), request.port(), accepts);
    }

    /** A refusal when a new set of prefixes would leave a registered node outside the site. */
    static void requireInside(List<DicomNode> nodes, List<IpPrefix> prefixes) {
        for (DicomNode node : nodes) {
            IpPrefix host = IpPrefix.parse(node.host() + (node.host().contains(":") ? "/128" : "/32"));
            if (prefixes.stream().noneMatch(host::overlaps)) {
                throw new ApiException(HttpStatus.CONFLICT, "DICOM ノード " + node.aeTitle() + " (" + node.host()
                        + ") が新しい LAN プレフィックスの外になります。先にノードを変更してください");
            }
        }
    }
}
