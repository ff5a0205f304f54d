package jp.renkei.hub.carenet.room;

/** Where a room is in its life. Only an OPEN room can be read and written by its members. */
public enum RoomStatus {
    /** Applied for; waiting for the support centre. */
    APPLIED,
    /** Approved: members post and read. */
    OPEN,
    /** Refused by the support centre. */
    REJECTED,
    /** Closed on request; members still read, nobody writes. */
    CLOSED,
    /** Kept as a record; read by members, nobody writes. */
    ARCHIVED
}
