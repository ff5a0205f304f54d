package jp.renkei.hub.core.pki;

import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What anyone may fetch without authentication: the CA certificate to trust, and the CRL. */
@RestController
@RequestMapping("/pki")
@Tag(name = "PKI", description = "The hub CA's certificate and certificate revocation list")
class PkiPublicationController {

    static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");
    static final MediaType PKIX_CRL = MediaType.parseMediaType("application/pkix-crl");

    private final HubCertificateAuthority ca;
    private final RevocationList revocationList;

    PkiPublicationController(HubCertificateAuthority ca, RevocationList revocationList) {
        this.ca = ca;
        this.revocationList = revocationList;
    }

    @GetMapping("/ca.crt")
    @Operation(summary = "The hub CA certificate (PEM)")
    ResponseEntity<byte[]> caCertificate() {
        return ResponseEntity.ok().contentType(PEM).body(ca.certificatePem().getBytes(StandardCharsets.US_ASCII));
    }

    @GetMapping("/crl")
    @Operation(summary = "The current CRL (DER)", description = "Regenerated on every revocation; valid for one day.")
    ResponseEntity<byte[]> crl() throws CRLException {
        X509CRL crl = revocationList.currentCrl();
        // Revalidated on every use, so relying parties learn about a revocation without waiting for nextUpdate.
        return ResponseEntity.ok()
                .contentType(PKIX_CRL)
                .cacheControl(CacheControl.noCache())
                .lastModified(crl.getThisUpdate().toInstant())
                .body(crl.getEncoded());
    }
}
