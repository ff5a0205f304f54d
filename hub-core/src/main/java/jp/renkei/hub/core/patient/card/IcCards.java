package jp.renkei.hub.core.patient.card;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.PatientAudit;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Health-passport IC cards: issued for an event number, reported lost, replaced, and read at a desk. The card
 * holds only its own number; a lost card stops resolving the moment the loss is recorded, so a found or
 * stolen card cannot be used to look the patient up.
 */
@Service
@Transactional
public class IcCards {

    private static final DateTimeFormatter LOSS_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'JST'").withZone(ZoneId.of("Asia/Tokyo"));

    private final IcCardStore cards;
    private final PatientCrossReference crossReference;
    private final ConsentSummaryProvider consent;
    private final PatientAudit audit;
    private final Clock clock;

    IcCards(IcCardStore cards, PatientCrossReference crossReference, ConsentSummaryProvider consent,
            PatientAudit audit, Clock clock) {
        this.cards = cards;
        this.crossReference = crossReference;
        this.consent = consent;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records a new card for the (surviving) number. Only a facility that has the patient linked may issue
     * one: otherwise anyone who learnt a number could attach a card of their own to that patient.
     */
    public IcCard bindCard(String eventNumber, String cardNumber, HubPrincipal actor) {
        EventNumber requested = EventNumber.parse(eventNumber);
        CardNumber card = CardNumber.parse("cardNumber", cardNumber);
        EventNumber number = crossReference.resolve(requested)
                .orElseThrow(() -> ApiException.notFound("event number " + requested));
        return issue(card, number, actor, "card " + card + " issued");
    }

    /** Records the loss: from now on the card resolves to nobody. */
    public IcCard reportLost(String cardNumber, HubPrincipal actor) {
        CardNumber card = CardNumber.parse("cardNumber", cardNumber);
        IcCard current = cards.find(card, true).orElseThrow(() -> unknown(card));
        if (current.status() == IcCard.Status.LOST) {
            throw ApiException.conflict("card " + card + " was already reported lost on "
                    + LOSS_TIME.format(current.lostAt()));
        }
        markLost(current, actor);
        return cards.find(card, false).orElseThrow();
    }

    /**
     * Issues a new card for the holder of a lost (or now being reported lost) card. The old card's loss is
     * recorded first, so it never resolves alongside the new one.
     */
    public IcCard replaceCard(String lostCardNumber, String newCardNumber, HubPrincipal actor) {
        CardNumber lost = CardNumber.parse("cardNumber", lostCardNumber);
        CardNumber replacement = CardNumber.parse("newCardNumber", newCardNumber);
        IcCard old = cards.find(lost, true).orElseThrow(() -> unknown(lost));
        if (old.status() == IcCard.Status.ACTIVE) {
            markLost(old, actor);
        }
        EventNumber number = crossReference.resolve(old.eventNumber()).orElseThrow();
        return issue(replacement, number, actor, "card " + replacement + " issued to replace lost card " + lost);
    }

    /** The holder's (surviving) number and consent summary; a lost card answers 404 saying so. */
    public CardLookup lookupCard(String cardNumber, HubPrincipal actor) {
        CardNumber card = CardNumber.parse("cardNumber", cardNumber);
        IcCard found = cards.find(card, false).orElseThrow(() -> unknown(card));
        if (found.status() == IcCard.Status.LOST) {
            throw new ApiException(HttpStatus.NOT_FOUND, "card " + card + " was reported lost on "
                    + LOSS_TIME.format(found.lostAt()) + "; use the patient's new card");
        }
        EventNumber number = crossReference.resolve(found.eventNumber()).orElseThrow();
        audit.record(actor, AuditAction.READ, number, "ic-card", "card " + card + " read");
        return new CardLookup(number, consent.summaryFor(number));
    }

    /**
     * The patient's cards (also those issued under a number since merged into it), newest first, for the desk of
     * a facility that has the patient linked; any other facility is refused (403), an unknown number is 404.
     */
    @Transactional(readOnly = true)
    public List<IcCard> cardsOf(String eventNumber, HubPrincipal actor) {
        EventNumber requested = EventNumber.parse(eventNumber);
        EventNumber number = crossReference.resolve(requested)
                .orElseThrow(() -> ApiException.notFound("event number " + requested));
        if (crossReference.localIdsOf(number, actor.actingFacilityId()).isEmpty()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "event number " + number + " is not linked to any patient"
                    + " of facility " + actor.actingFacilityId() + "; only its facilities see its cards");
        }
        List<EventNumber> numbers = new ArrayList<>(crossReference.retiredInto(number));
        numbers.add(number);
        return cards.ofPatient(numbers);
    }

    private IcCard issue(CardNumber card, EventNumber number, HubPrincipal actor, String detail) {
        if (crossReference.localIdsOf(number, actor.actingFacilityId()).isEmpty()) {
            throw ApiException.conflict("event number " + number + " is not linked to any patient of facility "
                    + actor.actingFacilityId() + "; enrol or link the patient before issuing a card");
        }
        if (!cards.insert(card, number, now(), actor.id(), UUID.fromString(actor.actingFacilityId()))) {
            throw ApiException.conflict("card " + card + " is already recorded; card numbers are never reused");
        }
        audit.record(actor, AuditAction.CREATE, number, "ic-card", detail);
        return cards.find(card, false).orElseThrow();
    }

    private void markLost(IcCard card, HubPrincipal actor) {
        cards.markLost(card.cardNumber(), now(), actor.id());
        EventNumber holder = crossReference.resolve(card.eventNumber()).orElseThrow();
        audit.record(actor, AuditAction.UPDATE, holder, "ic-card",
                "card " + card.cardNumber() + " reported lost");
    }

    private static ApiException unknown(CardNumber card) {
        return ApiException.notFound("card " + card);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
