package jp.renkei.hub.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of a same-run comparison: A, B, B, A. Each side runs twice, its two runs around the other side's, so
 * a machine that speeds up or slows down over the minutes (other people's builds, JIT, caches) weighs on both
 * sides alike instead of on whichever ran second.
 */
final class Abba {

    /** One turn of the schedule: which side runs, and whether it is that side's first (0) or second (1) run. */
    record Turn<T>(T side, int run) {
    }

    private Abba() {
    }

    /** A0, B0, B1, A1; with no B (a hub-only run), A0, A1. */
    static <T> List<Turn<T>> schedule(T a, T b) {
        if (b == null) {
            return List.of(new Turn<>(a, 0), new Turn<>(a, 1));
        }
        return List.of(new Turn<>(a, 0), new Turn<>(b, 0), new Turn<>(b, 1), new Turn<>(a, 1));
    }

    /** The items for each run of a side: the first half (the larger one if odd) and the rest. */
    static <T> List<List<T>> halves(List<T> items) {
        int first = (items.size() + 1) / 2;
        List<List<T>> halves = new ArrayList<>(2);
        halves.add(List.copyOf(items.subList(0, first)));
        halves.add(List.copyOf(items.subList(first, items.size())));
        return halves;
    }
}
