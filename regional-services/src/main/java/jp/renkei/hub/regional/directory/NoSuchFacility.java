package jp.renkei.hub.regional.directory;

/**
 * The one answer for a facility that is not in the directory (unknown, not active) and for a profile the
 * requester may not change: the two look the same, so a probe learns nothing.
 */
public class NoSuchFacility extends RuntimeException {

    public NoSuchFacility(String facilityId) {
        super("施設 " + facilityId + " は施設ディレクトリにありません");
    }
}
