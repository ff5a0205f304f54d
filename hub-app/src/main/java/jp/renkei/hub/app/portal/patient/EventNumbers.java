package jp.renkei.hub.app.portal.patient;

import java.util.Optional;

import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.web.ApiException;

/** An event number as a person types it, checked with {@link EventNumber} (shape, then the check digit). */
final class EventNumbers {

    /** The verdict on a typed number: a message key of the patient bundle, and the number when it is valid. */
    record Check(String message, Optional<EventNumber> number) {
        boolean valid() {
            return number.isPresent();
        }
    }

    static final String EMPTY = "patient.lookup.check.empty";
    static final String INCOMPLETE = "patient.lookup.check.incomplete";
    static final String FORMAT = "patient.lookup.error.format";
    static final String CHECK_DIGIT = "patient.lookup.error.checkDigit";
    static final String OK = "patient.lookup.check.ok";

    private EventNumbers() {
    }

    /** The digits as typed: separators (hyphen, spaces, full-width space) dropped, full-width digits read. */
    static String digits(String text) {
        StringBuilder out = new StringBuilder();
        (text == null ? "" : text).codePoints().forEach(c -> {
            if (c >= '\uFF10' && c <= '\uFF19') {
                out.append((char) ('0' + c - '\uFF10'));
            } else if (c != '-' && c != ' ' && c != '\u3000' && c != '\u2010' && c != '\uFF0D' && c != '\u30FC') {
                out.appendCodePoint(c);
            }
        });
        return out.toString().trim();
    }

    /** The full verdict, for a submitted number. */
    static Check check(String text) {
        String digits = digits(text);
        if (digits.isEmpty()) {
            return new Check(EMPTY, Optional.empty());
        }
        if (!digits.matches("[1-9][0-9]{15}")) {
            return new Check(digits.matches("[1-9][0-9]{0,14}") ? INCOMPLETE : FORMAT, Optional.empty());
        }
        try {
            return new Check(OK, Optional.of(EventNumber.parse(digits)));
        } catch (ApiException e) {
            return new Check(CHECK_DIGIT, Optional.empty());
        }
    }
}
