package jp.renkei.hub.dicom.encoding;

import java.io.IOException;

/** The bytes are not valid DICOM: truncated, with impossible lengths, an unknown VR or a broken structure. */
public class DicomFormatException extends IOException {

    public DicomFormatException(String message) {
        super(message);
    }

    public DicomFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
