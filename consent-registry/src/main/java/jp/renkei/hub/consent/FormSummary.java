package jp.renkei.hub.consent;

/** What is stored of a version's scanned form, without its content (which only the download reads). */
public record FormSummary(String contentType, int sizeBytes) {
}
