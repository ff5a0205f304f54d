package jp.renkei.hub.carenet.post;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A search of one room's posts. Every condition given must hold.
 *
 * @param text       free words (separated by spaces, full-width too): each must occur in the title, the text or
 *                   an entered value, anywhere — also inside a longer Japanese word ("発赤" in "仙骨部の発赤は軽快")
 * @param authorId   posts of this member
 * @param profession posts by members of this profession (e.g. VISITING_NURSE)
 * @param from       written at or after
 * @param to         written before
 */
public record PostQuery(String text, String authorId, String profession, Instant from, Instant to, int limit) {

    public PostQuery {
        limit = limit <= 0 ? 50 : Math.min(limit, TimelineFilter.MAX_LIMIT);
    }

    public List<String> words() {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.strip().split("[\\s\\u3000]+")).filter(w -> !w.isEmpty()).limit(10).toList();
    }
}
