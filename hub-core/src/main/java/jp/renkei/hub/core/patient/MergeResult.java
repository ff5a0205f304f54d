package jp.renkei.hub.core.patient;

/** What a merge did: the numbers, and how many current links moved from the retired one to the survivor. */
public record MergeResult(EventNumber survivor, EventNumber retired, int linksMoved) {
}
