package jp.renkei.hub.core.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.core.audit.AuditEntry;

/**
 * Further audit events of one request (e.g. the consent decisions that governed it), written together with the
 * request's own record before the answer leaves, in the same commit: if that commit fails, the request fails, so
 * such an event cannot be silently lost. Parts of the hub register a source; the audit filter takes what each
 * source holds at that moment. What a source collects later (after the answer) its owner writes itself.
 */
public final class AuditAddenda {

    private static final String ATTRIBUTE = AuditAddenda.class.getName();

    private final List<Supplier<List<AuditEntry>>> sources = new CopyOnWriteArrayList<>();
    private volatile boolean taken;

    AuditAddenda() {
    }

    /** The addenda of a request the audit filter records, if it does. */
    public static Optional<AuditAddenda> of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof AuditAddenda addenda ? Optional.of(addenda) : Optional.empty();
    }

    /** Opens the addenda of a request (the audit filter, once per request). */
    static AuditAddenda open(HttpServletRequest request) {
        AuditAddenda addenda = new AuditAddenda();
        request.setAttribute(ATTRIBUTE, addenda);
        return addenda;
    }

    /**
     * Registers a source: when the answer is about to leave, {@code takeEntries} is called once and must hand over
     * (and forget) the events it holds.
     */
    public void add(Supplier<List<AuditEntry>> takeEntries) {
        sources.add(takeEntries);
    }

    /** Whether the answer's record has been written: events a source collects after that are its owner's to write. */
    public boolean answerRecorded() {
        return taken;
    }

    /** Takes every source's events, once, for the answer's record. */
    List<AuditEntry> takeForAnswer() {
        taken = true;
        List<AuditEntry> entries = new ArrayList<>();
        sources.forEach(source -> entries.addAll(source.get()));
        return entries;
    }
}
