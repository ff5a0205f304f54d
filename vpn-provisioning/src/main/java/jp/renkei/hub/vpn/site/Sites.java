package jp.renkei.hub.vpn.site;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.vpn.HubServicePrefixes;
import jp.renkei.hub.vpn.VpnProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The register of VPN sites, one per facility. Every request is checked completely (fields, facility, address
 * plan) before anything is written, so a refused request changes nothing.
 */
@Service
public class Sites {

    /** Facilities that may have a site record: approved ones prepare it before going live. */
    static final Set<FacilityStatus> SITE_STATUSES = Set.of(FacilityStatus.APPROVED, FacilityStatus.ACTIVE,
            FacilityStatus.SUSPENDED);
    private static final Pattern FQDN = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final int MAX_PREFIXES = 32;

    private final SiteStore store;
    private final FacilityRegistry facilities;
    private final HubServicePrefixes hubPrefixes;
    private final VpnProperties properties;
    private final Clock clock;

    Sites(SiteStore store, FacilityRegistry facilities, HubServicePrefixes hubPrefixes, VpnProperties properties) {
        this.store = store;
        this.facilities = facilities;
        this.hubPrefixes = hubPrefixes;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** Creates or replaces the facility's site record. */
    @Transactional
    public Site save(String facilityId, SiteRequest request, String actorId) {
        Facility facility = facilities.find(facilityId)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "施設 " + facilityId + " は登録されていません"));
        if (!SITE_STATUSES.contains(facility.status())) {
            throw ApiException.conflict("施設 " + facilityId + " は " + facility.status()
                    + " のため VPN サイトを登録できません (承認済み・稼働中の施設のみ)");
        }
        SiteRequestValues values = check(request);
        store.lockAddressPlan();
        AddressPlan.check(values.lanPrefixes(), hubPrefixes, store.prefixesOfOtherSites(facilityId), this::facilityName);
        DicomNodes.requireInside(store.dicomNodes(facilityId), values.lanPrefixes());
        store.save(facilityId, values, clock.instant(), actorId);
        return find(facilityId).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Optional<Site> find(String facilityId) {
        return store.find(facilityId).map(this::site);
    }

    @Transactional(readOnly = true)
    public List<Site> list() {
        return store.list().stream().map(this::site).toList();
    }

    /** The IKE identity of the facility's router: a DNS name under the configured site domain. */
    public String ikeIdentity(String facilityId) {
        return facilityId + "." + properties.siteDomain();
    }

    private Site site(SiteStore.StoredSite s) {
        return new Site(s.facilityId(), facilityName(s.facilityId()), s.routerKind(), s.publicAddress(), s.lanPrefixes(),
                s.contact(), ikeIdentity(s.facilityId()), s.createdAt(), s.updatedAt(), s.updatedBy(),
                store.dicomNodes(s.facilityId()));
    }

    private String facilityName(String facilityId) {
        return facilities.find(facilityId).map(f -> f.details().name()).orElse(facilityId);
    }

    private static SiteRequestValues check(SiteRequest request) {
        if (request == null) {
            throw ApiException.invalid("body", "サイト情報がありません");
        }
        if (request.routerKind() == null) {
            throw ApiException.invalid("routerKind", "ルーターの種類 (STRONGSWAN または GENERIC_IKEV2) を指定してください");
        }
        String address = request.publicAddress() == null || request.publicAddress().isBlank() ? null
                : request.publicAddress().strip();
        if (address != null && !FQDN.matcher(address).matches() && !isIpLiteral(address)) {
            throw ApiException.invalid("publicAddress", "「" + address
                    + "」はグローバル IP アドレスまたは FQDN ではありません (NAT の内側なら空にしてください)");
        }
        if (request.lanPrefixes() == null || request.lanPrefixes().isEmpty()) {
            throw ApiException.invalid(IpPrefix.FIELD, "LAN プレフィックスを 1 つ以上指定してください");
        }
        if (request.lanPrefixes().size() > MAX_PREFIXES) {
            throw ApiException.invalid(IpPrefix.FIELD, "LAN プレフィックスは " + MAX_PREFIXES + " 個までです");
        }
        List<IpPrefix> prefixes = new ArrayList<>();
        for (String text : request.lanPrefixes()) {
            prefixes.add(IpPrefix.parse(text));
        }
        SiteContact contact = request.contact();
        if (contact == null || blank(contact.name()) || blank(contact.phone()) || blank(contact.email())) {
            throw ApiException.invalid("contact", "連絡先 (氏名・電話番号・メールアドレス) をすべて入力してください");
        }
        if (!contact.email().strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ApiException.invalid("contact.email", "「" + contact.email() + "」はメールアドレスではありません");
        }
        return new SiteRequestValues(request.routerKind(), address, List.copyOf(prefixes),
                new SiteContact(contact.name().strip(), contact.phone().strip(), contact.email().strip()));
    }

    /** A host address as text: IPv6 compressed (RFC 5952). */
    static String hostText(IpPrefix host) {
        String text = host.toString();
        return text.substring(0, text.lastIndexOf('/'));
    }

    static boolean isIpLiteral(String address) {
        if (!IP_LITERAL.matcher(address).matches()) {
            return false;
        }
        try {
            IpPrefix.parse(address + (address.contains(":") ? "/128" : "/32"));
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
