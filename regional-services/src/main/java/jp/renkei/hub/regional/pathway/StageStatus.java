package jp.renkei.hub.regional.pathway;

/** Where a stage stands: nothing recorded yet, sheets recorded, or marked done by one of its facilities. */
public enum StageStatus {
    NOT_STARTED, IN_PROGRESS, DONE
}
