package jp.renkei.hub.regional.letter.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.renkei.hub.regional.letter.AttachedRecord;
import jp.renkei.hub.regional.letter.Letter;
import jp.renkei.hub.regional.letter.LetterSection;
import jp.renkei.hub.regional.signature.SignatureVerification;

/** The JSON the letters API answers with. */
final class LetterViews {

    private LetterViews() {
    }

    record Summary(UUID id, String origin, String title, String senderName, String senderFacilityId,
                   String recipientFacilityId, String eventNumber, String status, Instant createdAt,
                   String signatureVerdict) {
    }

    record Verification(String verdict, String reason, String reasonJa, String reasonEn, String detail,
                        String format, String signerName, String hcRole, String hcRoleJa, Instant signingTime,
                        List<String> chain, Instant verifiedAt) {
    }

    record Section(String code, String title, String text) {
    }

    record Detail(UUID id, String origin, String title, String senderName, String senderFacilityId,
                  String recipientFacilityId, String eventNumber, String status, Instant createdAt, Instant readAt,
                  Instant acknowledgedAt, Map<String, Section> sections, List<AttachedRecord> attachments,
                  Verification signature) {
    }

    static Summary summary(Letter letter) {
        return new Summary(letter.id(), letter.origin().name(), letter.title(), letter.senderName(),
                letter.senderFacilityId(), letter.recipientFacilityId(), letter.eventNumber(), letter.status().name(),
                letter.createdAt(),
                letter.signature().map(s -> s.verification().verdict().name()).orElse(null));
    }

    static Detail detail(Letter letter) {
        Map<String, Section> sections = new LinkedHashMap<>();
        for (LetterSection section : LetterSection.values()) {
            String text = letter.sections().get(section);
            if (text != null) {
                sections.put(section.name(), new Section(section.code(), section.title(), text));
            }
        }
        return new Detail(letter.id(), letter.origin().name(), letter.title(), letter.senderName(),
                letter.senderFacilityId(), letter.recipientFacilityId(), letter.eventNumber(), letter.status().name(),
                letter.createdAt(), letter.readAt(), letter.acknowledgedAt(), sections, letter.attachments(),
                letter.signature().map(s -> verification(s.verification())).orElse(null));
    }

    static Verification verification(SignatureVerification v) {
        return new Verification(v.verdict().name(), v.reason().name(), v.reason().labelJa(), v.reason().labelEn(),
                v.detail(), v.format().name(), v.signerName(), v.hcRole() == null ? null : v.hcRole().code(),
                v.hcRole() == null ? null : v.hcRole().labelJa(), v.signingTime(), v.chain(), v.verifiedAt());
    }
}
