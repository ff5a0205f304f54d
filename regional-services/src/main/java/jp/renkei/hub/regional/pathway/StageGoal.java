package jp.renkei.hub.regional.pathway;

/** A goal of a stage (FHIR Goal.description); the stage's facility records whether it was achieved. */
public record StageGoal(String code, String text) {
}
