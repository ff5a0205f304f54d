package jp.renkei.hub.regional.signature;

import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.signature.AbstractSignatureParameters;
import eu.europa.esig.dss.signature.DocumentSignatureService;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.Pkcs12SignatureToken;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.signature.XAdESService;
import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Date;
import java.util.List;

/**
 * Signs a document with the signer's own key (a PKCS#12 file given for this one request): XAdES-BASELINE-B
 * enveloped for XML, CAdES-BASELINE-B detached for anything else. The hub adds no time-stamp: the signing time is
 * the signer's claim, shown as such.
 */
public class DocumentSigner {

    private final Clock clock;

    public DocumentSigner(Clock clock) {
        this.clock = clock;
    }

    /** XAdES enveloped: the returned file is the XML with its signature inside. */
    public SignedFile signXml(byte[] xml, SigningKey key) {
        XAdESSignatureParameters parameters = new XAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.XAdES_BASELINE_B);
        parameters.setSignaturePackaging(SignaturePackaging.ENVELOPED);
        return sign(key, parameters, new XAdESService(new CommonCertificateVerifier()),
                new InMemoryDocument(xml, "letter.xml"), SignatureFormat.XADES, "application/xml");
    }

    /** CAdES detached: the returned file is the CMS signature (.p7s) over the content kept beside it. */
    public SignedFile signDetached(byte[] content, SigningKey key) {
        CAdESSignatureParameters parameters = new CAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.CAdES_BASELINE_B);
        parameters.setSignaturePackaging(SignaturePackaging.DETACHED);
        return sign(key, parameters, new CAdESService(new CommonCertificateVerifier()),
                new InMemoryDocument(content, "letter"), SignatureFormat.CADES, "application/pkcs7-signature");
    }

    /** Opens the key for this call only, signs the document with DSS's two-step API and closes the key. */
    private <P extends AbstractSignatureParameters<?>> SignedFile sign(SigningKey key, P parameters,
                                                                       DocumentSignatureService<P, ?> service,
                                                                       DSSDocument document, SignatureFormat format,
                                                                       String mediaType) {
        Pkcs12SignatureToken token;
        List<DSSPrivateKeyEntry> keys;
        try {
            token = new Pkcs12SignatureToken(new ByteArrayInputStream(key.pkcs12()),
                    new KeyStore.PasswordProtection(key.password()));
            keys = token.getKeys();
        } catch (RuntimeException e) {
            // The library's message may quote the keystore; the hub says only what the signer needs to know.
            throw new SigningKeyException("The PKCS#12 file cannot be opened with this password", null);
        }
        try (token) {
            if (keys.isEmpty()) {
                throw new SigningKeyException("The PKCS#12 file holds no private key", null);
            }
            DSSPrivateKeyEntry entry = keys.get(0);
            prepare(parameters, entry);
            ToBeSigned data = service.getDataToSign(document, parameters);
            SignatureValue value = token.sign(data, parameters.getDigestAlgorithm(), entry);
            return new SignedFile(format, DSSUtils.toByteArray(service.signDocument(document, parameters, value)),
                    mediaType);
        }
    }

    private void prepare(AbstractSignatureParameters<?> parameters,
                         DSSPrivateKeyEntry entry) {
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        parameters.setSigningCertificate(entry.getCertificate());
        CertificateToken[] chain = entry.getCertificateChain();
        parameters.setCertificateChain(chain == null ? List.of() : List.of(chain));
        parameters.bLevel().setSigningDate(Date.from(clock.instant()));
    }
}
