package jp.renkei.hub.regional.directory;

/** Whether a facility takes new patients now: yes, no, or ask first (要相談). */
public enum Acceptance {
    YES, NO, ASK
}
