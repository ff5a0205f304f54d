package jp.renkei.hub.regional.signature;

import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.signature.AdvancedSignature;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.GeneralName;
import java.util.Collection;

/**
 * Checks an XAdES, CAdES or PAdES signature with the EU DSS validator (ETSI EN 319 102-1, DSS's default
 * validation policy): the signature value over the signed content, the certificate chain to a configured HPKI
 * trust anchor, revocation by CRL, the certificate's validity at signing time, and then the signer's hcRole,
 * which DSS does not know. The same verifier checks letters that arrive signed and letters signed in the hub.
 */
public class SignatureVerifier {

    private final HpkiTrust trust;
    private final Clock clock;

    public SignatureVerifier(HpkiTrust trust, Clock clock) {
        this.trust = trust;
        this.clock = clock;
    }

    /** Checks a signature that contains what it signs (XAdES enveloped or internally detached, CAdES attached, PAdES). */
    public SignatureVerification verify(byte[] signedFile, String fileName) {
        return verify(signedFile, fileName, Optional.empty());
    }

    /**
     * Checks a signature over content kept beside it (XAdES or CAdES detached).
     *
     * @throws MalformedSignatureException when the file holds no readable signature
     */
    public SignatureVerification verify(byte[] signedFile, String fileName, Optional<byte[]> detachedContent) {
        DSSDocument document = new InMemoryDocument(signedFile, fileName);
        SignedDocumentValidator validator;
        try {
            validator = SignedDocumentValidator.fromDocument(document);
        } catch (RuntimeException e) {
            throw new MalformedSignatureException("The file is not an XAdES, CAdES or PAdES signature", e);
        }
        validator.setCertificateVerifier(trust.certificateVerifier());
        validator.setValidationTime(Date.from(clock.instant()));
        detachedContent.ifPresent(content ->
                validator.setDetachedContents(List.of(new InMemoryDocument(content, "signed-content"))));
        Reports reports;
        try {
            reports = validator.validateDocument();
        } catch (DSSException | IllegalArgumentException | IllegalStateException e) {
            throw new MalformedSignatureException("The signature cannot be read: " + e.getMessage(), e);
        }
        SimpleReport simple = reports.getSimpleReport();
        List<String> ids = simple.getSignatureIdList();
        if (ids.isEmpty()) {
            throw new MalformedSignatureException("The file contains no signature");
        }
        // A document signed more than once (a dispensing record over the prescription) is as good as its worst one.
        String id = ids.stream().filter(each -> !simple.isValid(each)).findFirst().orElse(ids.get(0));
        X509Certificate certificate = validator.getSignatures().stream()
                .filter(signature -> signature.getId().equals(id))
                .map(AdvancedSignature::getSigningCertificateToken)
                .filter(Objects::nonNull)
                .map(CertificateToken::getCertificate)
                .findFirst().orElse(null);
        return result(reports, id, certificate);
    }

    private SignatureVerification result(Reports reports, String id, X509Certificate certificate) {
        SimpleReport simple = reports.getSimpleReport();
        DiagnosticData diagnostic = reports.getDiagnosticData();
        SignatureWrapper signature = diagnostic.getSignatureById(id);
        HcRole role = certificate == null ? null : HcRoles.of(certificate).stream().findFirst().orElse(null);
        Indication indication = simple.getIndication(id);
        Verdict verdict;
        VerificationReason reason;
        if (indication == Indication.TOTAL_PASSED || indication == Indication.PASSED) {
            verdict = role == null ? Verdict.INDETERMINATE : Verdict.VALID;
            reason = role == null ? VerificationReason.NO_HC_ROLE : VerificationReason.NONE;
        } else {
            reason = VerificationReason.of(simple.getSubIndication(id));
            // A chain that ends outside the HPKI anchors is no HPKI signature: the hub refuses it outright.
            verdict = indication == Indication.TOTAL_FAILED || indication == Indication.FAILED
                    || reason == VerificationReason.NOT_TRUSTED ? Verdict.INVALID : Verdict.INDETERMINATE;
        }
        Date signingTime = simple.getSigningTime(id);
        List<String> chain = signature.getCertificateChain().stream()
                .map(link -> readable(link.getCertificateDN())).toList();
        return new SignatureVerification(verdict, reason, detail(simple, id, indication),
                SignatureFormat.of(simple.getSignatureFormat(id)), certificate == null ? null : signerName(certificate),
                role, signingTime == null ? null : signingTime.toInstant(), chain, clock.instant());
    }

    /** RFC 2253 writes serialNumber as hex; BouncyCastle's style names it and decodes its value. */
    private static String readable(String rfc2253) {
        try {
            return new X500Name(BCStyle.INSTANCE, rfc2253).toString();
        } catch (IllegalArgumentException e) {
            return rfc2253;
        }
    }

    private static String detail(SimpleReport simple, String id, Indication indication) {
        StringBuilder detail = new StringBuilder(String.valueOf(indication));
        if (simple.getSubIndication(id) != null) {
            detail.append('/').append(simple.getSubIndication(id));
        }
        simple.getAdESValidationErrors(id).stream().findFirst()
                .ifPresent(error -> detail.append(": ").append(error.getValue()));
        return detail.toString();
    }

    /**
     * The name a person recognises: HPKI certificates carry the holder's Japanese name in a directoryName of
     * subjectAltName (the subject's CN is in Latin letters); either alone when the other is missing.
     */
    static String signerName(X509Certificate certificate) {
        String latin = commonName(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()));
        String japanese = null;
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    if (((Integer) alternative.get(0)) == GeneralName.directoryName) {
                        japanese = commonName(new X500Name(BCStyle.INSTANCE, (String) alternative.get(1)));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException | IllegalArgumentException e) {
            japanese = null;
        }
        if (japanese == null || japanese.equals(latin)) {
            return latin;
        }
        return latin == null ? japanese : japanese + " (" + latin + ")";
    }

    private static String commonName(X500Name name) {
        RDN[] cn = name.getRDNs(BCStyle.CN);
        return cn.length == 0 ? null : IETFUtils.valueToString(cn[0].getFirst().getValue());
    }
}
