package jp.renkei.hub.dicom.encoding;

/** One data element: tag, VR and value. */
public record Element(int tag, Vr vr, Value value) {

    @Override
    public String toString() {
        return Tag.toString(tag) + " " + vr;
    }
}
