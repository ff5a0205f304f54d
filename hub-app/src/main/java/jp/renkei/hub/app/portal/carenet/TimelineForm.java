package jp.renkei.hub.app.portal.carenet;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

import jp.renkei.hub.carenet.post.PinColour;
import jp.renkei.hub.carenet.post.TimelineFilter;

/**
 * The room page's timeline filter as the plain GET form sends it: {@code show=all|unread} ("show read posts
 * too"), a pin colour, and {@code before} (the older page). Unknown values fall back to the unfiltered timeline.
 */
record TimelineForm(boolean unreadOnly, PinColour pin, Instant before) {

    /** Posts per page of the room's timeline. */
    static final int PAGE = 50;

    static TimelineForm of(String show, String pin, String before) {
        PinColour colour = Arrays.stream(PinColour.values()).filter(c -> c.name().equals(pin)).findFirst().orElse(null);
        Instant cursor;
        try {
            cursor = before == null || before.isBlank() ? null : Instant.parse(before);
        } catch (DateTimeParseException e) {
            cursor = null;
        }
        return new TimelineForm("unread".equals(show), colour, cursor);
    }

    public String show() {
        return unreadOnly ? "unread" : "all";
    }

    public String pinCode() {
        return pin == null ? "" : pin.name();
    }

    public List<PinColour> colours() {
        return List.of(PinColour.values());
    }

    TimelineFilter domain() {
        return new TimelineFilter(unreadOnly, pin, PAGE, before);
    }

    /** The {@code before} value of the next, older page. */
    String olderThan(Instant last) {
        return last.toString();
    }
}
