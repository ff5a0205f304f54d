package jp.renkei.hub.regional.signature;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the hub found when it checked a signed document: stored with the letter and shown with it.
 *
 * @param verdict       valid, invalid or indeterminate
 * @param reason        why, in the hub's words ({@link VerificationReason#NONE} when valid)
 * @param detail        the validator's indication and sub-indication and its first error, for the curious
 * @param format        XAdES, CAdES or PAdES
 * @param signerName    the signer's name from the certificate (the Japanese name of the HPKI subjectAltName
 *                      when present, else the subject's CN)
 * @param hcRole        the HPKI role the signer's certificate attests, or null
 * @param signingTime   the best known signing time (a signature time-stamp's, else the claimed one), or null
 * @param chain         subject names from the signer's certificate up to the trust anchor
 * @param verifiedAt    when the hub checked
 */
public record SignatureVerification(Verdict verdict, VerificationReason reason, String detail,
                                    SignatureFormat format, String signerName, HcRole hcRole,
                                    Instant signingTime, List<String> chain, Instant verifiedAt) {

    public SignatureVerification {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        chain = List.copyOf(chain);
    }

    public boolean valid() {
        return verdict == Verdict.VALID;
    }
}
