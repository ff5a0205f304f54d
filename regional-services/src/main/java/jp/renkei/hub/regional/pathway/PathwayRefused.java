package jp.renkei.hub.regional.pathway;

/**
 * The requester knows the pathway (its facility takes part) but may not do this (e.g. record another
 * facility's stage, fill in another profession's sheet).
 */
public class PathwayRefused extends RuntimeException {

    public PathwayRefused(String message) {
        super(message);
    }
}
