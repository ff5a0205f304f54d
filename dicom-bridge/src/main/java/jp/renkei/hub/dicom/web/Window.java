package jp.renkei.hub.dicom.web;

/**
 * A display window (VOI, PS3.3 C.11.2.1.2) in the image's rescaled units, Hounsfield units for CT: values below
 * {@code center - width/2} are black, above {@code center + width/2} white.
 */
public record Window(double center, double width) {

    public Window {
        if (!Double.isFinite(center) || !Double.isFinite(width) || width < 1) {
            throw new IllegalArgumentException("a window needs a finite center and a width of at least 1");
        }
    }
}
