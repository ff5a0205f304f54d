package jp.renkei.hub.core.patient.card;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jp.renkei.hub.core.patient.EventNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code hub.ic_card}. */
@Repository
class IcCardStore {

    private final JdbcClient jdbc;

    IcCardStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the card number was ever recorded before (card numbers are never reused) */
    boolean insert(CardNumber card, EventNumber number, Instant at, String actorId, UUID facility) {
        return jdbc.sql("""
                INSERT INTO hub.ic_card (card_number, event_number, status, issued_at, issued_by, issued_facility)
                VALUES (:card, :number, 'ACTIVE', :at, :actor, :facility)
                ON CONFLICT (card_number) DO NOTHING
                """)
                .param("card", card.value())
                .param("number", number.digits())
                .param("at", Timestamp.from(at))
                .param("actor", actorId)
                .param("facility", facility)
                .update() == 1;
    }

    Optional<IcCard> find(CardNumber card, boolean forUpdate) {
        return jdbc.sql("SELECT * FROM hub.ic_card WHERE card_number = :card" + (forUpdate ? " FOR UPDATE" : ""))
                .param("card", card.value())
                .query(IcCardStore::card)
                .optional();
    }

    /** Every card recorded for any of the numbers, newest first. */
    java.util.List<IcCard> ofPatient(java.util.List<EventNumber> numbers) {
        return jdbc.sql("SELECT * FROM hub.ic_card WHERE event_number IN (:numbers) ORDER BY issued_at DESC, card_number")
                .param("numbers", numbers.stream().map(EventNumber::digits).toList())
                .query(IcCardStore::card)
                .list();
    }

    void markLost(CardNumber card, Instant at, String actorId) {
        jdbc.sql("UPDATE hub.ic_card SET status = 'LOST', lost_at = :at, lost_by = :actor WHERE card_number = :card")
                .param("card", card.value())
                .param("at", Timestamp.from(at))
                .param("actor", actorId)
                .update();
    }

    private static IcCard card(ResultSet rs, int row) throws SQLException {
        Timestamp lostAt = rs.getTimestamp("lost_at");
        return new IcCard(new CardNumber(rs.getString("card_number")), new EventNumber(rs.getString("event_number")),
                IcCard.Status.valueOf(rs.getString("status")), rs.getTimestamp("issued_at").toInstant(),
                rs.getString("issued_by"), lostAt == null ? null : lostAt.toInstant());
    }
}
