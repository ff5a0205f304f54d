package jp.renkei.hub.carenet.room;

/** Staff of a participating facility, or a family member with their own account (sees only shared posts). */
public enum MemberKind {
    STAFF, FAMILY
}
