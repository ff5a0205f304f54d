package jp.renkei.hub.app.portal.radiology;

import java.util.Arrays;
import java.util.Optional;

import jp.renkei.hub.dicom.web.Window;

/**
 * The CT window presets of the viewer (center and width in Hounsfield units), and the instance's own window
 * ({@link #AUTO}).
 */
enum WindowPreset {
    AUTO("auto", null),
    LUNG("lung", new Window(-600, 1500)),
    MEDIASTINUM("mediastinum", new Window(40, 400)),
    BONE("bone", new Window(400, 1800)),
    BRAIN("brain", new Window(40, 80));

    private final String code;
    private final Window window;

    WindowPreset(String code, Window window) {
        this.code = code;
        this.window = window;
    }

    public String code() {
        return code;
    }

    /** The window, {@code null} for the instance's own. */
    public Window window() {
        return window;
    }

    /** The message key of the preset's name. */
    public String label() {
        return "radiology.window." + code;
    }

    static Optional<WindowPreset> of(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}
