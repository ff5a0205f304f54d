package jp.renkei.hub.carenet.template;

/** What an item of a category template accepts. */
public enum ItemType {
    /** One of the listed options. */
    CHOICE,
    /** A number in the item's unit, within its range, with at most its number of decimals. */
    NUMBER,
    /** Free text up to the item's length. */
    TEXT
}
