package jp.renkei.hub.regional.directory;

import java.util.List;

/**
 * One page of a directory search, in distance order when the search has an origin, else in kana order.
 *
 * @param number the page, from 0
 * @param total  how many facilities match in all
 * @param origin {@code null} without one
 */
public record ResultPage(List<DirectoryEntry> entries, int number, int size, int total, Origin origin) {

    public int pages() {
        return total == 0 ? 0 : (total + size - 1) / size;
    }

    public boolean hasNext() {
        return number + 1 < pages();
    }

    public boolean hasPrevious() {
        return number > 0;
    }

    /** The position in the whole result of this page's first entry, from 1 (the map numbers its dots so). */
    public int firstNumber() {
        return number * size + 1;
    }
}
