package jp.renkei.hub.regional.signature;

import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.model.x509.revocation.crl.CRL;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.client.http.NativeHTTPDataLoader;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.RevocationSource;
import eu.europa.esig.dss.spi.x509.revocation.RevocationToken;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The trust configuration a signature is checked against: the HPKI trust anchors and the CRLs in the configured
 * directories, read at every verification, so an operator adds an anchor or drops in a newer CRL without a
 * restart (a handful of small files). A file that is not a certificate fails the verification loudly: a trust
 * store that silently dropped an anchor would make valid letters look untrusted.
 */
public final class HpkiTrust {

    private final Path anchorDirectory;
    private final Path crlDirectory;
    private final boolean fetchDistributionPoints;
    private final int fetchTimeoutMillis;

    public HpkiTrust(HpkiProperties properties) {
        this.anchorDirectory = properties.trustAnchors();
        this.crlDirectory = properties.crls();
        this.fetchDistributionPoints = properties.fetchCrlDistributionPoints();
        this.fetchTimeoutMillis = (int) properties.fetchTimeout().toMillis();
    }

    /** The anchors' subject names, for the logs and the letter pages. */
    public List<String> anchorSubjects() {
        return readAnchors(anchorDirectory).stream().map(anchor -> anchor.getSubject().getRFC2253()).toList();
    }

    /** A fresh DSS certificate verifier with these anchors and CRL sources; never an OCSP or AIA fetch. */
    CommonCertificateVerifier certificateVerifier() {
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        readAnchors(anchorDirectory).forEach(trusted::addCertificate);
        verifier.setTrustedCertSources(trusted);
        List<DSSDocument> crls = files(crlDirectory, ".crl").stream()
                .<DSSDocument>map(file -> new FileDocument(file.toFile())).toList();
        verifier.setCrlSource(crlSource(crls));
        verifier.setOcspSource(null);
        verifier.setAIASource(null);
        return verifier;
    }

    private RevocationSource<CRL> crlSource(List<DSSDocument> crls) {
        RevocationSource<CRL> offline = crls.isEmpty() ? null
                : new ExternalResourcesCRLSource(crls.toArray(DSSDocument[]::new));
        if (!fetchDistributionPoints) {
            return offline;
        }
        NativeHTTPDataLoader loader = new NativeHTTPDataLoader();
        loader.setConnectTimeout(fetchTimeoutMillis);
        loader.setReadTimeout(fetchTimeoutMillis);
        OnlineCRLSource online = new OnlineCRLSource(loader);
        if (offline == null) {
            return online;
        }
        // The configured files first; the distribution point only for a certificate they do not cover.
        return (certificate, issuer) -> {
            RevocationToken<CRL> local = offline.getRevocationToken(certificate, issuer);
            return local != null ? local : online.getRevocationToken(certificate, issuer);
        };
    }

    private static List<CertificateToken> readAnchors(Path directory) {
        List<CertificateToken> anchors = new ArrayList<>();
        for (Path file : files(directory, ".pem", ".crt", ".cer", ".der")) {
            try {
                anchors.add(DSSUtils.loadCertificate(Files.readAllBytes(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the HPKI trust anchor " + file, e);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Not a certificate: HPKI trust anchor " + file, e);
            }
        }
        return List.copyOf(anchors);
    }

    private static List<Path> files(Path directory, String... suffixes) {
        if (directory == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.filter(Files::isRegularFile)
                    .filter(file -> Stream.of(suffixes)
                            .anyMatch(suffix -> file.getFileName().toString().toLowerCase().endsWith(suffix)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
    }
}
