package jp.renkei.hub.core.patient.api;

import java.net.URI;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jp.renkei.hub.core.patient.card.CardLookup;
import jp.renkei.hub.core.patient.card.ConsentSummary;
import jp.renkei.hub.core.patient.card.IcCard;
import jp.renkei.hub.core.patient.card.IcCards;
import jp.renkei.hub.core.security.HubPrincipal;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Health-passport IC cards at the desk: issue, report lost, replace, read. */
@RestController
@RequestMapping("/api/patients/cards")
@Tag(name = "IC cards", description = "Health-passport cards that carry only a card number")
public class IcCardController {

    public record CardRequest(@NotBlank String eventNumber, @NotBlank String cardNumber) {
    }

    public record ReplacementRequest(@NotBlank String newCardNumber) {
    }

    public record CardResponse(String cardNumber, String eventNumber, IcCard.Status status, Instant issuedAt,
                               Instant lostAt) {

        static CardResponse of(IcCard card) {
            return new CardResponse(card.cardNumber().value(), card.eventNumber().formatted(), card.status(),
                    card.issuedAt(), card.lostAt());
        }
    }

    public record CardLookupResponse(String eventNumber, ConsentSummary consent) {

        static CardLookupResponse of(CardLookup lookup) {
            return new CardLookupResponse(lookup.eventNumber().formatted(), lookup.consent());
        }
    }

    private final IcCards cards;

    public IcCardController(IcCards cards) {
        this.cards = cards;
    }

    @PostMapping
    @Operation(summary = "Issue a card for an event number linked in this facility")
    public ResponseEntity<CardResponse> bind(@Valid @RequestBody CardRequest request,
                                             @AuthenticationPrincipal HubPrincipal principal) {
        IcCard card = cards.bindCard(request.eventNumber(), request.cardNumber(), principal);
        return ResponseEntity.created(cardUri(card)).body(CardResponse.of(card));
    }

    @PostMapping("/{cardNumber}/lost")
    @Operation(summary = "Report a card lost: it stops resolving immediately")
    public CardResponse reportLost(@PathVariable String cardNumber, @AuthenticationPrincipal HubPrincipal principal) {
        return CardResponse.of(cards.reportLost(cardNumber, principal));
    }

    @PostMapping("/{cardNumber}/replacement")
    @Operation(summary = "Replace a lost card: records the loss if not yet reported and issues the new card")
    public ResponseEntity<CardResponse> replace(@PathVariable String cardNumber,
                                                @Valid @RequestBody ReplacementRequest request,
                                                @AuthenticationPrincipal HubPrincipal principal) {
        IcCard card = cards.replaceCard(cardNumber, request.newCardNumber(), principal);
        return ResponseEntity.created(cardUri(card)).body(CardResponse.of(card));
    }

    @GetMapping("/{cardNumber}")
    @Operation(summary = "Read a card: the holder's event number and consent summary (404 for a lost card)")
    public CardLookupResponse lookup(@PathVariable String cardNumber, @AuthenticationPrincipal HubPrincipal principal) {
        return CardLookupResponse.of(cards.lookupCard(cardNumber, principal));
    }

    private static URI cardUri(IcCard card) {
        return URI.create("/api/patients/cards/" + card.cardNumber().value());
    }
}
