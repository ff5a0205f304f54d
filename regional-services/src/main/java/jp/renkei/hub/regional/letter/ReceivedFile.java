package jp.renkei.hub.regional.letter;

/**
 * A signed letter that came from outside the hub, uploaded by its recipient.
 *
 * @param fileName        the uploaded file's name
 * @param mediaType       its declared media type
 * @param signedFile      the XAdES, CAdES or PAdES file
 * @param detachedContent the content a detached signature signs, or null
 * @param senderName      who sent it (a facility and doctor outside the network, as written on it)
 * @param title           the letter's title
 * @param eventNumber     the patient's event number when known, else null
 */
public record ReceivedFile(String fileName, String mediaType, byte[] signedFile, byte[] detachedContent,
                           String senderName, String title, String eventNumber) {
}
