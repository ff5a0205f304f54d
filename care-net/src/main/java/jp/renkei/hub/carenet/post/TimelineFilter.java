package jp.renkei.hub.carenet.post;

import java.time.Instant;

/**
 * Which posts of a timeline to show.
 *
 * @param unreadOnly only posts the requester has not opened ("show read posts too" unticked)
 * @param pin        only posts the requester pinned with this colour, or {@code null} for all
 * @param limit      at most this many, newest first
 * @param before     only posts written before this instant (the next page of a long timeline), or {@code null}
 */
public record TimelineFilter(boolean unreadOnly, PinColour pin, int limit, Instant before) {

    public static final int MAX_LIMIT = 200;

    public TimelineFilter {
        limit = limit <= 0 ? 50 : Math.min(limit, MAX_LIMIT);
    }

    public TimelineFilter(boolean unreadOnly, PinColour pin, int limit) {
        this(unreadOnly, pin, limit, null);
    }
}
