package jp.renkei.hub.regional.letter;

/** Written and sent in the hub, or received from outside as a signed file and uploaded by the recipient. */
public enum LetterOrigin {
    HUB, EXTERNAL
}
