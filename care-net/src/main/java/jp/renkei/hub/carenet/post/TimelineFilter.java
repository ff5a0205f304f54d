package jp.renkei.hub.carenet.post;

/**
 * Which posts of a timeline to show.
 *
 * @param unreadOnly only posts the requester has not opened ("show read posts too" unticked)
 * @param pin        only posts the requester pinned with this colour, or {@code null} for all
 * @param limit      at most this many, newest first
 */
public record TimelineFilter(boolean unreadOnly, PinColour pin, int limit) {

    public static final int MAX_LIMIT = 200;

    public TimelineFilter {
        limit = limit <= 0 ? 50 : Math.min(limit, MAX_LIMIT);
    }
}
