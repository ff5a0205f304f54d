package jp.renkei.hub.regional.signature;

/** The AdES family a signed file uses (JAHIS names XAdES for XML documents, CAdES for binaries, PAdES for PDF). */
public enum SignatureFormat {
    XADES, CADES, PADES;

    static SignatureFormat of(eu.europa.esig.dss.enumerations.SignatureLevel level) {
        String name = level == null ? "" : level.name();
        if (name.startsWith("XAdES") || name.startsWith("XML")) {
            return XADES;
        }
        if (name.startsWith("PAdES") || name.startsWith("PDF")) {
            return PADES;
        }
        return CADES;
    }
}
