package jp.renkei.hub.app.portal.questionnaire;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.regional.questionnaire.AnswerLink;
import jp.renkei.hub.regional.questionnaire.AnswerLinks;
import jp.renkei.hub.regional.questionnaire.AnswerSheet;
import jp.renkei.hub.regional.questionnaire.Item;
import jp.renkei.hub.regional.questionnaire.QuestionnaireRefused;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The patient's answer pages, without an account: open the one-time link (or type the short code), confirm the
 * birth date, answer (every item on one page, numbered "3/10"), check the answers on a confirmation page and
 * send. After the birth date is confirmed the answer session is a cookie ({@value #SESSION_COOKIE}: HttpOnly,
 * Secure, SameSite=Strict), so the token leaves the address bar. Plain HTML forms; no script is needed.
 * A link that cannot be used shows why, and nothing of the questionnaire or the patient.
 */
@Controller
class PatientAnswerPages {

    static final String SESSION_COOKIE = "__Host-renkei-q";
    private static final String BASE = "/portal/q";

    private final AnswerLinks links;

    PatientAnswerPages(AnswerLinks links) {
        this.links = links;
    }

    /** The short-code entry, for a patient who cannot scan the QR code. */
    @GetMapping(BASE)
    String codeEntry() {
        return "portal/questionnaire/patient-start";
    }

    @PostMapping(BASE)
    String byCode(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String birthDate,
                  HttpServletResponse response, Model model) {
        model.addAttribute("typedCode", code);
        return verified(null, code, birthDate, response, model, "portal/questionnaire/patient-start");
    }

    @GetMapping(BASE + "/{token}")
    String open(@PathVariable String token, HttpServletResponse response, Model model) {
        AnswerLinks.Verification opened = links.openByToken(token);
        if (opened instanceof AnswerLinks.Closed closed) {
            return closed(closed, response, model);
        }
        model.addAttribute("token", token);
        return "portal/questionnaire/patient-start";
    }

    @PostMapping(BASE + "/{token}")
    String byToken(@PathVariable String token, @RequestParam(defaultValue = "") String birthDate,
                   HttpServletResponse response, Model model) {
        model.addAttribute("token", token);
        return verified(token, null, birthDate, response, model, "portal/questionnaire/patient-start");
    }

    @GetMapping(BASE + "/answer")
    String answerPage(HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<AnswerLinks.Opened> opened = links.bySession(session(request));
        if (opened.isEmpty()) {
            return closed(new AnswerLinks.Closed(Optional.empty()), response, model);
        }
        return sheet(opened.get(), Map.of(), Map.of(), model);
    }

    /** Checks the answers: back to the form with the messages beside the fields, or on to the confirmation. */
    @PostMapping(BASE + "/answer")
    String check(@RequestParam(required = false) String edit, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        Optional<AnswerLinks.Opened> opened = links.bySession(session(request));
        if (opened.isEmpty()) {
            return closed(new AnswerLinks.Closed(Optional.empty()), response, model);
        }
        Map<String, List<String>> fields = fields(request);
        AnswerSheet.Check check = AnswerSheet.check(opened.get().form(), fields);
        if (edit != null || !check.valid()) {
            if (edit == null) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            }
            return sheet(opened.get(), check.entered(), edit == null ? check.errors() : Map.of(), model);
        }
        model.addAttribute("form", opened.get().form());
        model.addAttribute("rows", confirmRows(opened.get().form().items(), check.entered()));
        model.addAttribute("hidden", hidden(check.entered(), opened.get().form().items()));
        return "portal/questionnaire/patient-confirm";
    }

    @PostMapping(BASE + "/answer/send")
    String send(HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<AnswerLinks.Opened> opened = links.bySession(session(request));
        if (opened.isEmpty()) {
            return closed(new AnswerLinks.Closed(Optional.empty()), response, model);
        }
        AnswerLinks.Sent sent;
        try {
            sent = links.send(session(request), fields(request));
        } catch (QuestionnaireRefused e) {
            return closed(new AnswerLinks.Closed(Optional.of(AnswerLink.State.USED)), response, model);
        }
        if (sent.responseId().isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return sheet(opened.get(), sent.check().entered(), sent.check().errors(), model);
        }
        clearSession(response);
        return "portal/questionnaire/patient-done";
    }

    private String verified(String token, String code, String birthDate, HttpServletResponse response, Model model,
                            String page) {
        Optional<LocalDate> date = birthDate(birthDate);
        if (date.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("birthDateError", "questionnaire.patient.error.birthDateFormat");
            model.addAttribute("typedBirthDate", birthDate);
            return page;
        }
        if (token == null && code.isBlank()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("codeError", "questionnaire.patient.error.code");
            return page;
        }
        AnswerLinks.Verification verification = links.verify(token, code, date.get());
        if (verification instanceof AnswerLinks.Verified verified) {
            response.addHeader("Set-Cookie", ResponseCookie.from(SESSION_COOKIE, verified.session()).path("/")
                    .secure(true).httpOnly(true).sameSite("Strict").build().toString());
            return "redirect:" + BASE + "/answer";
        }
        if (verification instanceof AnswerLinks.WrongBirthDate wrong) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("birthDateError", "questionnaire.patient.error.birthDate");
            model.addAttribute("remaining", wrong.remaining());
            return page;
        }
        AnswerLinks.Closed closed = (AnswerLinks.Closed) verification;
        if (token == null && closed.state().isEmpty()) {
            // a mistyped code: the same page again (the code is checked with the date, so nothing is revealed)
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("codeError", "questionnaire.patient.error.codeUnknown");
            return page;
        }
        return closed(closed, response, model);
    }

    /** Why a link cannot be used, and nothing else: 404 for an unknown link, 410 for a used, expired or locked one. */
    private static String closed(AnswerLinks.Closed closed, HttpServletResponse response, Model model) {
        response.setStatus(closed.state().isEmpty() ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_GONE);
        model.addAttribute("reason", closed.state().map(s -> s.name().toLowerCase(java.util.Locale.ROOT))
                .orElse("unknown"));
        clearSession(response);
        return "portal/questionnaire/patient-closed";
    }

    private static String sheet(AnswerLinks.Opened opened, Map<String, List<String>> entered,
                                Map<String, String> errors, Model model) {
        model.addAttribute("form", opened.form());
        model.addAttribute("entered", entered);
        model.addAttribute("errors", errors);
        model.addAttribute("total", opened.form().items().size());
        model.addAttribute("conditions", conditions(opened.form().items()));
        return "portal/questionnaire/patient-form";
    }

    /** linkId → the text of the yes/no question it depends on. */
    private static Map<String, String> conditions(List<Item> items) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Item item : items) {
            if (item.shownWhen() != null) {
                items.stream().filter(i -> i.linkId().equals(item.shownWhen())).findFirst()
                        .ifPresent(i -> texts.put(item.linkId(), i.text()));
            }
        }
        return texts;
    }

    /** A question and its answer as the confirmation page shows it. */
    record ConfirmRow(int number, Item item, String answer, boolean asked) {
    }

    private static List<ConfirmRow> confirmRows(List<Item> items, Map<String, List<String>> entered) {
        List<ConfirmRow> rows = new ArrayList<>();
        int number = 0;
        for (Item item : items) {
            number++;
            boolean asked = AnswerSheet.asked(item, entered);
            List<String> values = entered.getOrDefault(item.linkId(), List.of()).stream()
                    .map(v -> switch (v) {
                        case "yes" -> item.type() == jp.renkei.hub.regional.questionnaire.ItemType.YES_NO ? "はい" : v;
                        case "no" -> item.type() == jp.renkei.hub.regional.questionnaire.ItemType.YES_NO ? "いいえ" : v;
                        default -> v;
                    }).toList();
            String unit = item.unit().isEmpty() || values.isEmpty() ? "" : " " + item.unit();
            rows.add(new ConfirmRow(number, item, String.join("、", values) + unit, asked));
        }
        return rows;
    }

    /** The answers as hidden fields for the send step: name and value pairs, only of asked items. */
    private static List<String[]> hidden(Map<String, List<String>> entered, List<Item> items) {
        List<String[]> fields = new ArrayList<>();
        for (Item item : items) {
            if (AnswerSheet.asked(item, entered)) {
                entered.getOrDefault(item.linkId(), List.of())
                        .forEach(v -> fields.add(new String[] {AnswerSheet.FIELD_PREFIX + item.linkId(), v}));
            }
        }
        return fields;
    }

    private static Map<String, List<String>> fields(HttpServletRequest request) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (name.startsWith(AnswerSheet.FIELD_PREFIX)) {
                fields.put(name, List.of(values));
            }
        });
        return fields;
    }

    /** A birth date as people type it: 1950-01-02, 1950/1/2, 19500102, in full-width digits too. */
    static Optional<LocalDate> birthDate(String text) {
        String normalised = java.text.Normalizer.normalize(text == null ? "" : text, java.text.Normalizer.Form.NFKC)
                .strip().replaceAll("[年月/.]", "-").replace("日", "");
        try {
            if (normalised.matches("[0-9]{8}")) {
                return Optional.of(LocalDate.parse(normalised.substring(0, 4) + "-" + normalised.substring(4, 6) + "-"
                        + normalised.substring(6)));
            }
            String[] parts = normalised.split("-");
            if (parts.length == 3 && normalised.matches("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")) {
                return Optional.of(LocalDate.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                        Integer.parseInt(parts[2])));
            }
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String session(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (SESSION_COOKIE.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private static void clearSession(HttpServletResponse response) {
        response.addHeader("Set-Cookie", ResponseCookie.from(SESSION_COOKIE, "").path("/").secure(true).httpOnly(true)
                .sameSite("Strict").maxAge(0).build().toString());
    }
}
