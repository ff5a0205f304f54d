package jp.renkei.hub.regional.pathway;

/** The stage is done already: nothing more is recorded for it. */
public class PathwayConflict extends RuntimeException {

    public PathwayConflict(String message) {
        super(message);
    }
}
