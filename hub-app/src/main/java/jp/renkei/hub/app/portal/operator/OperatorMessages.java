package jp.renkei.hub.app.portal.operator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Turns the checks' problems (a key and arguments, some arguments keys themselves) into sentences. */
@Component
class OperatorMessages {

    private final MessageSource messages;

    OperatorMessages(MessageSource messages) {
        this.messages = messages;
    }

    String text(FacilityFormCheck.Problem problem) {
        Locale locale = LocaleContextHolder.getLocale();
        Object[] args = problem.args().stream()
                .map(a -> a instanceof String s && s.startsWith("operator.") ? messages.getMessage(s, null, s, locale) : a)
                .toArray();
        return messages.getMessage(problem.key(), args, problem.key(), locale);
    }

    Map<String, String> texts(Map<String, FacilityFormCheck.Problem> problems) {
        Map<String, String> texts = new LinkedHashMap<>();
        problems.forEach((field, problem) -> texts.put(field, text(problem)));
        return texts;
    }
}
