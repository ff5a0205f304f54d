package jp.renkei.hub.regional.signature;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the hub finds what it trusts when it checks HPKI signatures ({@code renkei.letters.hpki.*}).
 *
 * @param trustAnchors              a directory of the HPKI CA certificates trusted as anchors (PEM or DER, one
 *                                  per file: .pem .crt .cer .der); none configured = no signature is trusted
 * @param crls                      a directory of CRL files (.crl, DER or PEM) used offline for revocation
 * @param fetchCrlDistributionPoints whether to fetch a certificate's CRL from its distribution point (HTTP) when
 *                                  neither the signature nor the directory has one; off by default, since the
 *                                  hub usually sits in a closed network
 * @param fetchTimeout              the time limit for such a fetch
 */
@ConfigurationProperties("renkei.letters.hpki")
public record HpkiProperties(Path trustAnchors, Path crls, boolean fetchCrlDistributionPoints,
                             Duration fetchTimeout) {

    public HpkiProperties {
        fetchTimeout = fetchTimeout == null ? Duration.ofSeconds(10) : fetchTimeout;
    }
}
