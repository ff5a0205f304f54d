package jp.renkei.hub.regional.letter;

import jp.renkei.hub.regional.signature.SignatureVerification;

/**
 * A letter's signed file as it was stored, with the hub's verification of it.
 *
 * @param detachedContent the content a detached signature signs, or null
 */
public record LetterSignature(String fileName, String mediaType, byte[] signedFile, byte[] detachedContent,
                              SignatureVerification verification) {
}
