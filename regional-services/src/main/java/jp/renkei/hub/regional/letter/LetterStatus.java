package jp.renkei.hub.regional.letter;

/** Where a letter stands at the recipient: the sender sees the same. */
public enum LetterStatus {
    UNREAD, READ, ACKNOWLEDGED
}
