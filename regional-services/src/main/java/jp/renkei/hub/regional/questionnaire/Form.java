package jp.renkei.hub.regional.questionnaire;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One version of a facility's questionnaire.
 *
 * @param seriesId the questionnaire all versions belong to
 * @param fhirId   the id of its FHIR Questionnaire once published, otherwise {@code null}
 */
public record Form(UUID id, UUID seriesId, String facilityId, int version, String title, List<Item> items,
                   FormStatus status, String fhirId, String createdBy, Instant createdAt, Instant publishedAt,
                   Instant retiredAt) {

    public Form {
        items = List.copyOf(items);
    }

    public Optional<Item> item(String linkId) {
        return items.stream().filter(i -> i.linkId().equals(linkId)).findFirst();
    }

    public Form withItems(List<Item> newItems) {
        return new Form(id, seriesId, facilityId, version, title, newItems, status, fhirId, createdBy, createdAt,
                publishedAt, retiredAt);
    }

    /** The next free linkId: one more than the highest {@code qN} so far (removed numbers are not reused). */
    public String nextLinkId() {
        int highest = items.stream().map(Item::linkId).filter(l -> l.matches("q[0-9]{1,6}"))
                .mapToInt(l -> Integer.parseInt(l.substring(1))).max().orElse(0);
        return "q" + (highest + 1);
    }
}
