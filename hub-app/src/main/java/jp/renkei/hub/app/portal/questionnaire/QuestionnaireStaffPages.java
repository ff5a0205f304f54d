package jp.renkei.hub.app.portal.questionnaire;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.regional.questionnaire.AnswerLinks;
import jp.renkei.hub.regional.questionnaire.AnsweredSheets;
import jp.renkei.hub.regional.questionnaire.Form;
import jp.renkei.hub.regional.questionnaire.IssuedLink;
import jp.renkei.hub.regional.questionnaire.ItemType;
import jp.renkei.hub.regional.questionnaire.NewItem;
import jp.renkei.hub.regional.questionnaire.QrSvg;
import jp.renkei.hub.regional.questionnaire.QuestionnaireForms;
import jp.renkei.hub.regional.questionnaire.QuestionnaireProperties;
import jp.renkei.hub.regional.questionnaire.QuestionnaireRefused;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff side of web questionnaires (WEB問診): the facility's questionnaires and their versions, the builder
 * of a draft, publishing and retiring, issuing a one-time link (a printable sheet with QR code and short code),
 * and the answers per visit day. Thin: {@link QuestionnaireForms}, {@link AnswerLinks} and {@link AnsweredSheets}
 * decide, each for the person's acting facility only; another facility's questionnaire or answer is the same
 * 404 page as one that does not exist.
 */
@Controller
class QuestionnaireStaffPages {

    private static final String BASE = "/portal/questionnaire";

    private final QuestionnaireForms forms;
    private final AnswerLinks links;
    private final AnsweredSheets sheets;
    private final QuestionnaireProperties properties;

    QuestionnaireStaffPages(QuestionnaireForms forms, AnswerLinks links, AnsweredSheets sheets,
                            QuestionnaireProperties properties) {
        this.forms = forms;
        this.links = links;
        this.sheets = sheets;
        this.properties = properties;
    }

    @GetMapping(BASE)
    String list(HttpServletRequest request, Model model) {
        Requester requester = Requesters.current(request);
        Map<UUID, List<Form>> series = new LinkedHashMap<>();
        forms.list(requester).forEach(f -> series.computeIfAbsent(f.seriesId(), s -> new java.util.ArrayList<>()).add(f));
        model.addAttribute("series", series.values());
        model.addAttribute("today", LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")));
        return "portal/questionnaire/list";
    }

    @PostMapping(BASE)
    String create(@RequestParam(defaultValue = "") String title, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        try {
            Form form = forms.create(Requesters.current(request), title);
            return "redirect:" + BASE + "/forms/" + form.id();
        } catch (QuestionnaireRefused e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("createError", message(e));
            model.addAttribute("typedTitle", title);
            return list(request, model);
        }
    }

    @GetMapping(BASE + "/forms/{id}")
    String form(@PathVariable String id, HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<Form> form = uuid(id).flatMap(u -> forms.find(Requesters.current(request), u));
        if (form.isEmpty()) {
            return absent(response);
        }
        model.addAttribute("form", form.get());
        model.addAttribute("types", ItemType.values());
        model.addAttribute("yesNoItems", form.get().items().stream().filter(i -> i.type() == ItemType.YES_NO).toList());
        model.addAttribute("today", LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")));
        return "portal/questionnaire/form";
    }

    @PostMapping(BASE + "/forms/{id}/items")
    String addItem(@PathVariable String id, @RequestParam(defaultValue = "") String text,
                   @RequestParam(defaultValue = "") String type, @RequestParam(required = false) String required,
                   @RequestParam(defaultValue = "") String options, @RequestParam(defaultValue = "") String unit,
                   @RequestParam(defaultValue = "") String shownWhen, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        ItemType itemType = java.util.Arrays.stream(ItemType.values()).filter(t -> t.name().equals(type))
                .findFirst().orElse(null);
        return act(id, request, response, model, u -> forms.addItem(Requesters.current(request), u,
                new NewItem(text, itemType, required != null, options, unit, shownWhen)), () -> {
                    model.addAttribute("typedText", text);
                    model.addAttribute("typedOptions", options);
                    model.addAttribute("typedUnit", unit);
                    model.addAttribute("typedType", type);
                }, "itemError");
    }

    @PostMapping(BASE + "/forms/{id}/items/{linkId}/remove")
    String removeItem(@PathVariable String id, @PathVariable String linkId, HttpServletRequest request,
                      HttpServletResponse response, Model model) {
        return act(id, request, response, model, u -> forms.removeItem(Requesters.current(request), u, linkId),
                () -> { }, "formError");
    }

    @PostMapping(BASE + "/forms/{id}/publish")
    String publish(@PathVariable String id, HttpServletRequest request, HttpServletResponse response, Model model) {
        return act(id, request, response, model, u -> forms.publish(Requesters.current(request), u), () -> { },
                "formError");
    }

    @PostMapping(BASE + "/forms/{id}/retire")
    String retire(@PathVariable String id, HttpServletRequest request, HttpServletResponse response, Model model) {
        return act(id, request, response, model, u -> forms.retire(Requesters.current(request), u), () -> { },
                "formError");
    }

    @PostMapping(BASE + "/forms/{id}/new-version")
    String newVersion(@PathVariable String id, HttpServletRequest request, HttpServletResponse response,
                      Model model) {
        return act(id, request, response, model, u -> forms.newVersion(Requesters.current(request), u), () -> { },
                "formError");
    }

    /**
     * Issues a link and shows its printable sheet at once: the token and the code exist only in this answer (the
     * hub keeps their hashes), so the page is not a redirect target and cannot be reloaded into a second link.
     */
    @PostMapping(BASE + "/forms/{id}/links")
    String issue(@PathVariable String id, @RequestParam(defaultValue = "") String patient,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate visitDate,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<UUID> formId = uuid(id);
        if (formId.isEmpty()) {
            return absent(response);
        }
        try {
            IssuedLink issued = links.issue(Requesters.current(request), formId.get(), patient, visitDate);
            String url = publicBase(request) + "/portal/q/" + issued.token();
            model.addAttribute("issued", issued);
            model.addAttribute("url", url);
            model.addAttribute("codeUrl", publicBase(request) + "/portal/q");
            model.addAttribute("qr", QrSvg.svg(url, "問診票の回答用リンクのQRコード"));
            model.addAttribute("expires", issued.link().expiresAt().atZone(java.time.ZoneId.of("Asia/Tokyo"))
                    .toLocalDateTime().withSecond(0).withNano(0));
            return "portal/questionnaire/issued";
        } catch (QuestionnaireRefused e) {
            if (e.reason().equals("noForm")) {
                return absent(response);
            }
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("linkError", message(e));
            model.addAttribute("typedPatient", patient);
            return form(id, request, response, model);
        }
    }

    @GetMapping(BASE + "/answers")
    String answers(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
                   HttpServletRequest request, Model model) {
        LocalDate shown = day == null ? LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")) : day;
        model.addAttribute("day", shown);
        model.addAttribute("rows", sheets.onDay(Requesters.current(request), shown));
        return "portal/questionnaire/answers";
    }

    @GetMapping(BASE + "/answers/{linkId}")
    String sheet(@PathVariable String linkId, HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<AnsweredSheets.Sheet> sheet = uuid(linkId).flatMap(u -> sheets.sheet(Requesters.current(request), u));
        if (sheet.isEmpty()) {
            return absent(response);
        }
        model.addAttribute("sheet", sheet.get());
        model.addAttribute("authored", sheet.get().response().getAuthored().toInstant()
                .atZone(java.time.ZoneId.of("Asia/Tokyo")).toLocalDateTime().withSecond(0).withNano(0));
        return "portal/questionnaire/sheet";
    }

    private String act(String id, HttpServletRequest request, HttpServletResponse response, Model model,
                       java.util.function.Function<UUID, Form> action, Runnable keepTyped, String errorName) {
        Optional<UUID> formId = uuid(id);
        if (formId.isEmpty()) {
            return absent(response);
        }
        try {
            Form form = action.apply(formId.get());
            return "redirect:" + BASE + "/forms/" + form.id();
        } catch (QuestionnaireRefused e) {
            if (e.reason().equals("noForm")) {
                return absent(response);
            }
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute(errorName, message(e));
            keepTyped.run();
            return form(id, request, response, model);
        }
    }

    /** The address in the QR code: the configured public address, else the one this page was opened at. */
    private String publicBase(HttpServletRequest request) {
        if (properties.publicBaseUrl() != null) {
            return properties.publicBaseUrl();
        }
        boolean defaultPort = request.getServerPort() == 443;
        return "https://" + request.getServerName() + (defaultPort ? "" : ":" + request.getServerPort());
    }

    private static String absent(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "portal/questionnaire/absent";
    }

    static String message(QuestionnaireRefused e) {
        return "questionnaire.error." + e.reason();
    }

    static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
