package jp.renkei.hub.regional.directory;

/** Published when a facility's profile has been saved; listeners see it after the commit. */
public record DirectoryProfileChanged(String facilityId) {
}
