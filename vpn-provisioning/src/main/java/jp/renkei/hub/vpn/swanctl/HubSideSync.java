package jp.renkei.hub.vpn.swanctl;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renkei.hub.core.facility.FacilityChanged;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.pki.Device;
import jp.renkei.hub.core.pki.HubCertificateAuthority;
import jp.renkei.hub.core.pki.IssuedKey;
import jp.renkei.hub.core.pki.RevocationList;
import jp.renkei.hub.vpn.VpnProperties;
import jp.renkei.hub.vpn.expiry.SiteCertificates;
import jp.renkei.hub.vpn.site.Site;
import jp.renkei.hub.vpn.site.Sites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the hub side's swanctl directory equal to the registry: one conf.d file for each site whose facility is
 * ACTIVE and whose router holds a current certificate, the hub CA, the current CRL and the hub's own IKE key.
 * It always rewrites from the database rather than applying changes one by one, so a missed event is repaired by
 * the next one. With {@code renkei.vpn.load=true} it then runs {@code swanctl --load-all} and terminates the SAs
 * of sites whose file it removed.
 */
@Service
public class HubSideSync {

    private static final Logger log = LoggerFactory.getLogger(HubSideSync.class);
    /** An IKE SA line of {@code swanctl --list-sas} for a hub-side site connection. */
    private static final Pattern SITE_IKE_SA = Pattern.compile("(?m)^(site-[^:\\s]+): #\\d+, ");

    private final Sites sites;
    private final FacilityRegistry facilities;
    private final SiteCertificates certificates;
    private final HubCertificateAuthority ca;
    private final RevocationList revocationList;
    private final HubSwanctlDirectory directory;
    private final Swanctl swanctl;
    private final VpnProperties properties;
    private final SwanctlGenerator generator;

    HubSideSync(Sites sites, FacilityRegistry facilities, SiteCertificates certificates, HubCertificateAuthority ca,
                RevocationList revocationList, HubSwanctlDirectory directory, Swanctl swanctl,
                VpnProperties properties, SwanctlGenerator generator) {
        this.sites = sites;
        this.facilities = facilities;
        this.certificates = certificates;
        this.ca = ca;
        this.revocationList = revocationList;
        this.directory = directory;
        this.swanctl = swanctl;
        this.properties = properties;
        this.generator = generator;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onChange(VpnConfigurationChanged change) {
        syncAfterCommit("VPN change of facility " + change.facilityId());
    }

    /** Runs after RouterRevocation has revoked a suspended or withdrawn facility's router (same event, ordered). */
    @EventListener
    @org.springframework.core.annotation.Order(100)
    void onFacilityChange(FacilityChanged change) {
        syncAfterCommit("status change of facility " + change.facility().id());
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        syncAfterCommit("start-up");
    }

    /**
     * The change has committed: failing the caller's request now would report a change that did happen as
     * failed. A failed sync is logged; the next change or restart rebuilds the whole directory.
     */
    private void syncAfterCommit(String cause) {
        try {
            sync();
        } catch (RuntimeException e) {
            log.error("Could not rewrite the hub's swanctl directory {} after the {}", directory.path(), cause, e);
        }
    }

    /** Rewrites the directory from the registry and, when {@code renkei.vpn.load} is on, loads it; returns what it did. */
    public SyncResult sync() {
        return sync(properties.load() ? swanctl : null);
    }

    /**
     * Rewrites the directory and loads it into the strongSwan that {@code target} talks to (null: files only):
     * {@code swanctl --load-all}, which unloads connections no longer in the files, then terminates every
     * site IKE SA whose connection is not live any more (--load-all leaves established SAs up).
     */
    public synchronized SyncResult sync(Swanctl target) {
        writeCredentials();
        Set<String> wanted = new TreeSet<>();
        for (Site site : sites.list()) {
            if (isLive(site)) {
                directory.write(directory.siteFile(site.connectionName()), generator.hubConfiguration(site));
                wanted.add(site.connectionName());
            }
        }
        Set<String> removed = new TreeSet<>(directory.siteConnections());
        removed.removeAll(wanted);
        removed.forEach(connection -> directory.delete(directory.siteFile(connection)));
        directory.write(directory.mainFile(), SwanctlGenerator.hubMainConfiguration());
        String loadOutput = target == null ? null : load(target, wanted);
        return new SyncResult(wanted, removed, loadOutput);
    }

    /** Whether the site's tunnel may come up: facility ACTIVE and a router with a current certificate. */
    public boolean isLive(Site site) {
        return facilities.find(site.facilityId()).map(f -> f.status() == FacilityStatus.ACTIVE).orElse(false)
                && currentRouter(site.facilityId()).isPresent();
    }

    /** The facility's active VPN router device with its ISSUED certificate, if any. */
    public Optional<Device> currentRouter(String facilityId) {
        return certificates.router(facilityId);
    }

    public HubSwanctlDirectory directory() {
        return directory;
    }

    private String load(Swanctl target, Set<String> wanted) {
        Swanctl.Result result = target.loadAll(directory.path());
        if (!result.ok()) {
            log.warn("swanctl --load-all failed ({}): {}", result.exitCode(), result.output());
        }
        StringBuilder output = new StringBuilder(result.output());
        // Asking charon rather than comparing files: an SA left over from a missed change is ended too.
        Swanctl.Result sas = target.listSas();
        Set<String> stale = new TreeSet<>();
        Matcher ike = SITE_IKE_SA.matcher(sas.output());
        while (ike.find()) {
            if (!wanted.contains(ike.group(1))) {
                stale.add(ike.group(1));
            }
        }
        for (String connection : stale) {
            output.append(target.terminate(connection).output());
            log.info("Terminated the SAs of VPN connection {}: the site is no longer live", connection);
        }
        return output.toString();
    }

    private void writeCredentials() {
        directory.createDirectories();
        directory.write(directory.caFile(), ca.certificatePem());
        directory.write(directory.crlFile(), Pems.of(revocationList.currentCrl()));
        if (!hubKeyIsCurrent()) {
            IssuedKey key = ca.issueVpnGatewayCertificate(properties.hubIdentity());
            directory.writePrivate(directory.hubKeyFile(), Pems.of(key.privateKey()));
            directory.write(directory.hubCertificateFile(), Pems.of(key.certificate()));
            log.info("Issued the hub's IKE certificate for {} into {}", properties.hubIdentity(), directory.path());
        }
    }

    /** The hub's IKE certificate exists, is from this CA, valid, and names the configured identity. */
    private boolean hubKeyIsCurrent() {
        if (!Files.exists(directory.hubKeyFile()) || !Files.exists(directory.hubCertificateFile())) {
            return false;
        }
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Files.readAllBytes(directory.hubCertificateFile())));
            return ca.vouchesFor(certificate) && names(certificate).contains(properties.hubIdentity());
        } catch (CertificateException | java.io.IOException e) {
            return false;
        }
    }

    private static List<String> names(X509Certificate certificate) throws CertificateParsingException {
        Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
        return sans == null ? List.of() : sans.stream().map(san -> String.valueOf(san.get(1))).toList();
    }

    /** What one sync did: the sites' connections written and removed, and swanctl's output when it loaded. */
    public record SyncResult(Set<String> connections, Set<String> removed, String loadOutput) {
    }

}
