package jp.renkei.hub.regional.letter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jp.renkei.hub.regional.signature.HcRole;
import jp.renkei.hub.regional.signature.SignatureFormat;
import jp.renkei.hub.regional.signature.SignatureVerification;
import jp.renkei.hub.regional.signature.Verdict;
import jp.renkei.hub.regional.signature.VerificationReason;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Letters in {@code hub.referral_letter} and their signatures in {@code hub.referral_letter_signature}. */
@Repository
public class LetterStore {

    private static final String COLUMNS = "l.id, l.origin, l.sender_facility_id, l.sender_person_id, l.sender_name,"
            + " l.recipient_facility_id, l.event_number, l.title, l.sections::text AS sections,"
            + " l.attachments::text AS attachments, l.document, l.status, l.created_at, l.read_at, l.acknowledged_at,"
            + " s.file_name, s.media_type, s.signed_file, s.detached_content, s.format, s.verdict, s.reason, s.detail,"
            + " s.signer_name, s.hc_role, s.signing_time, s.chain::text AS chain, s.verified_at"
            + " FROM hub.referral_letter l LEFT JOIN hub.referral_letter_signature s ON s.letter_id = l.id";
    private static final TypeReference<Map<LetterSection, String>> SECTIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<AttachedRecord>> ATTACHMENTS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> CHAIN = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public LetterStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(Letter letter) {
        jdbc.sql("INSERT INTO hub.referral_letter (id, origin, sender_facility_id, sender_person_id, sender_name,"
                        + " recipient_facility_id, event_number, title, sections, attachments, document, status,"
                        + " created_at) VALUES (:id, :origin, :senderFacility, :senderPerson, :senderName, :recipient,"
                        + " :eventNumber, :title, CAST(:sections AS jsonb), CAST(:attachments AS jsonb), :document,"
                        + " :status, :createdAt)")
                .param("id", letter.id()).param("origin", letter.origin().name())
                .param("senderFacility", letter.senderFacilityId()).param("senderPerson", letter.senderPersonId())
                .param("senderName", letter.senderName()).param("recipient", letter.recipientFacilityId())
                .param("eventNumber", letter.eventNumber()).param("title", letter.title())
                .param("sections", write(letter.sections())).param("attachments", write(letter.attachments()))
                .param("document", letter.document()).param("status", letter.status().name())
                .param("createdAt", Timestamp.from(letter.createdAt()))
                .update();
        letter.signature().ifPresent(signature -> insertSignature(letter.id(), signature));
    }

    public void insertSignature(UUID letterId, LetterSignature signature) {
        SignatureVerification v = signature.verification();
        jdbc.sql("INSERT INTO hub.referral_letter_signature (letter_id, file_name, media_type, signed_file,"
                        + " detached_content, format, verdict, reason, detail, signer_name, hc_role, signing_time, chain,"
                        + " verified_at) VALUES (:id, :fileName, :mediaType, :signed, :detached, :format, :verdict,"
                        + " :reason, :detail, :signer, :role, :signingTime, CAST(:chain AS jsonb), :verifiedAt)")
                .param("id", letterId).param("fileName", signature.fileName())
                .param("mediaType", signature.mediaType()).param("signed", signature.signedFile())
                .param("detached", signature.detachedContent()).param("format", v.format().name())
                .param("verdict", v.verdict().name()).param("reason", v.reason().name()).param("detail", v.detail())
                .param("signer", v.signerName()).param("role", v.hcRole() == null ? null : v.hcRole().code())
                .param("signingTime", v.signingTime() == null ? null : Timestamp.from(v.signingTime()))
                .param("chain", write(v.chain())).param("verifiedAt", Timestamp.from(v.verifiedAt()))
                .update();
    }

    public Optional<Letter> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE l.id = :id").param("id", id).query(this::letter).optional();
    }

    /** Letters to the facility, newest first. */
    public List<Letter> inbox(String facilityId) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE l.recipient_facility_id = :facility ORDER BY l.created_at DESC")
                .param("facility", facilityId).query(this::letter).list();
    }

    /** Letters the facility sent, newest first. */
    public List<Letter> sent(String facilityId) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE l.sender_facility_id = :facility ORDER BY l.created_at DESC")
                .param("facility", facilityId).query(this::letter).list();
    }

    /** Marks the letter read the first time its recipient opens it; later openings change nothing. */
    public boolean markRead(UUID id, String personId, Instant at) {
        return jdbc.sql("UPDATE hub.referral_letter SET status = 'READ', read_at = :at, read_by = :person"
                        + " WHERE id = :id AND status = 'UNREAD'")
                .param("id", id).param("person", personId).param("at", Timestamp.from(at)).update() == 1;
    }

    public boolean acknowledge(UUID id, String personId, Instant at) {
        return jdbc.sql("UPDATE hub.referral_letter SET status = 'ACKNOWLEDGED', acknowledged_at = :at,"
                        + " acknowledged_by = :person, read_at = coalesce(read_at, :at),"
                        + " read_by = coalesce(read_by, :person) WHERE id = :id AND status <> 'ACKNOWLEDGED'")
                .param("id", id).param("person", personId).param("at", Timestamp.from(at)).update() == 1;
    }

    private Letter letter(ResultSet rs, int row) throws SQLException {
        Optional<LetterSignature> signature = Optional.empty();
        if (rs.getString("file_name") != null) {
            SignatureVerification verification = new SignatureVerification(Verdict.valueOf(rs.getString("verdict")),
                    VerificationReason.valueOf(rs.getString("reason")), rs.getString("detail"),
                    SignatureFormat.valueOf(rs.getString("format")), rs.getString("signer_name"),
                    rs.getString("hc_role") == null ? null : HcRole.of(rs.getString("hc_role")),
                    instant(rs, "signing_time"), read(rs.getString("chain"), CHAIN), instant(rs, "verified_at"));
            signature = Optional.of(new LetterSignature(rs.getString("file_name"), rs.getString("media_type"),
                    rs.getBytes("signed_file"), rs.getBytes("detached_content"), verification));
        }
        Map<LetterSection, String> sections = new EnumMap<>(LetterSection.class);
        sections.putAll(read(rs.getString("sections"), SECTIONS));
        return new Letter(rs.getObject("id", UUID.class), LetterOrigin.valueOf(rs.getString("origin")),
                rs.getString("sender_facility_id"), rs.getString("sender_person_id"), rs.getString("sender_name"),
                rs.getString("recipient_facility_id"), rs.getString("event_number"), rs.getString("title"),
                sections, read(rs.getString("attachments"), ATTACHMENTS), rs.getString("document"),
                LetterStatus.valueOf(rs.getString("status")), instant(rs, "created_at"), instant(rs, "read_at"),
                instant(rs, "acknowledged_at"), signature);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write letter JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored letter JSON unreadable", e);
        }
    }
}
