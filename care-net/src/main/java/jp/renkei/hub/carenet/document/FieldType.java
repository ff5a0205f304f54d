package jp.renkei.hub.carenet.document;

/** What a document field accepts. */
public enum FieldType {
    /** One line of text, up to maxLength. */
    TEXT,
    /** Several lines of text, up to maxLength. */
    LONG_TEXT,
    /** A day (yyyy-MM-dd). */
    DATE,
    /** One of the options. */
    CHOICE,
    /** Any of the options (a check list). */
    MULTI
}
