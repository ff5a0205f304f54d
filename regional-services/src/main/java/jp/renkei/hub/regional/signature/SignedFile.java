package jp.renkei.hub.regional.signature;

/**
 * A signature the hub made: the signed file and, for a detached CAdES signature, nothing else is needed besides
 * the content it signs.
 *
 * @param format    XAdES (enveloped: the file is the signed XML) or CAdES (detached: the file is the .p7s)
 * @param bytes     the signed XML or the CMS signature
 * @param mediaType the file's media type
 */
public record SignedFile(SignatureFormat format, byte[] bytes, String mediaType) {
}
