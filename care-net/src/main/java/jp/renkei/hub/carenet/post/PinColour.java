package jp.renkei.hub.carenet.post;

/** The colours a person may pin a post with; each person's pins are their own. */
public enum PinColour {
    RED, YELLOW, GREEN, BLUE, PURPLE
}
