package jp.renkei.hub.carenet.post;

import java.util.List;

import jp.renkei.hub.carenet.attachment.Attachment;

/**
 * A post as one member sees it: with its files, how many of the members who can see it have read it
 * ("既読 3/8": {@code readCount}/{@code audience}, the author not counted), whether this member has, and their pin.
 */
public record PostView(Post post, List<Attachment> attachments, int commentCount, int readCount, int audience,
                       boolean unread, PinColour pin) {

    /** "既読 3/8", as the timeline shows it. */
    public String readLabel() {
        return "既読 " + readCount + "/" + audience;
    }
}
