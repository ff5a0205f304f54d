package jp.renkei.hub.core.person;

import java.time.Instant;

/** One account per person: the hub never issues shared IDs. */
public record Person(
        String id, String login, String email, String displayName, String nameKana,
        Profession profession, PersonStatus status, boolean twoFactorEnrolled,
        Instant passwordChangedAt, Instant createdAt) {
}
