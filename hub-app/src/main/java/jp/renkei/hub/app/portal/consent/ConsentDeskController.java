package jp.renkei.hub.app.portal.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.ConsentRecord;
import jp.renkei.hub.consent.ConsentRegistry;
import jp.renkei.hub.consent.ConsentStatus;
import jp.renkei.hub.consent.ConsentTerms;
import jp.renkei.hub.consent.ConsentVersion;
import jp.renkei.hub.consent.FacilityScope;
import jp.renkei.hub.consent.ObtainedVia;
import jp.renkei.hub.consent.ScannedForm;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.patient.Enrolment;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.IdentityVerification;
import jp.renkei.hub.core.patient.LinkResult;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.patient.PatientEnrolment;
import jp.renkei.hub.core.patient.card.CardLookup;
import jp.renkei.hub.core.patient.card.IcCard;
import jp.renkei.hub.core.patient.card.IcCards;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.RequestAttributes;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The consent desk: a facility's staff find one of their own patients (local patient ID by POST, or event
 * number), record, amend and withdraw the patient's consents with the scanned form, read every version, handle
 * the patient's IC cards, enrol a local patient and link another facility's patient by their card. Every change
 * and read goes through the same domain services, checks and audit as the REST API ({@link ConsentRegistry},
 * {@link IcCards}, {@link PatientEnrolment}). A patient the acting facility has not linked looks exactly like
 * one that does not exist (404, the same page).
 */
@Controller
@RequestMapping("/portal/consents")
class ConsentDeskController {

    /** Notices after a redirect, by the key in {@code ?done=}; anything else is ignored. */
    private static final Set<String> DONE = Set.of("enrolled", "alreadyEnrolled", "linked", "alreadyLinked",
            "recorded", "amended", "withdrawn", "cardBound", "cardLost", "cardReplaced");

    /** A facility to choose in a scope. */
    record FacilityOption(String id, String name) {
    }

    /** One consent in the patient's list. */
    record ConsentLine(UUID id, ConsentCategory category, ConsentStatus status, int version, String grantees,
                       String sources, String validFrom, String validUntil, ObtainedVia obtainedVia,
                       String changedAt) {
    }

    /** One version in a consent's history. */
    record VersionLine(int version, String change, ConsentStatus status, String grantees, String sources,
                       String validFrom, String validUntil, ObtainedVia obtainedVia, String facility,
                       String reason, String changedAt, String formType, boolean formIsImage, String formSize) {
    }

    record CardLine(String cardNumber, IcCard.Status status, String issuedAt, String lostAt) {
    }

    private final ConsentRegistry registry;
    private final IcCards cards;
    private final PatientEnrolment enrolment;
    private final PatientCrossReference crossReference;
    private final FacilityRegistry facilities;
    private final Clock clock;

    ConsentDeskController(ConsentRegistry registry, IcCards cards, PatientEnrolment enrolment,
                          PatientCrossReference crossReference, FacilityRegistry facilities, Clock clock) {
        this.registry = registry;
        this.cards = cards;
        this.enrolment = enrolment;
        this.crossReference = crossReference;
        this.facilities = facilities;
        this.clock = clock;
    }

    // ---- finding, enrolling and linking a patient ----

    @GetMapping
    String find(@RequestParam(required = false) String number, HttpServletResponse response, Model model) {
        if (number == null) {
            return "portal/consent/find";
        }
        model.addAttribute("typedNumber", number);
        Optional<EventNumber> parsed = parse(number);
        if (parsed.isEmpty()) {
            return findError(response, model, HttpStatus.BAD_REQUEST, "numberError", "consent.error.number");
        }
        return "redirect:/portal/consents/" + parsed.get().formatted();
    }

    @PostMapping("/find")
    String findByLocalId(@RequestParam(defaultValue = "") String localPatientId, HttpServletRequest request,
                         HttpServletResponse response, Model model) {
        model.addAttribute("typedLocalId", localPatientId);
        try {
            EventNumber number = enrolment.currentLink(actor(request).actingFacilityId(), localPatientId.strip())
                    .eventNumber();
            return "redirect:/portal/consents/" + number.formatted();
        } catch (ApiException e) {
            return e.status() == HttpStatus.BAD_REQUEST
                    ? findError(response, model, HttpStatus.BAD_REQUEST, "localIdError", "consent.error.localId.format")
                    : findError(response, model, HttpStatus.NOT_FOUND, "localIdError", "consent.error.localId.notFound");
        }
    }

    @PostMapping("/enrol")
    String enrol(@RequestParam(defaultValue = "") String localPatientId, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        model.addAttribute("enrolLocalId", localPatientId);
        HubPrincipal actor = actor(request);
        try {
            Enrolment result = enrolment.enrol(actor.actingFacilityId(), localPatientId.strip(), actor);
            return "redirect:/portal/consents/" + result.eventNumber().formatted() + "?done="
                    + (result.created() ? "enrolled" : "alreadyEnrolled");
        } catch (ApiException e) {
            return findError(response, model, e.status(), "enrolError", e.status() == HttpStatus.BAD_REQUEST
                    ? "consent.error.localId.format" : "consent.error.enrol");
        }
    }

    @PostMapping("/link")
    String link(@RequestParam(defaultValue = "") String localPatientId, @RequestParam(defaultValue = "") String cardNumber,
                @RequestParam(defaultValue = "") String reason, HttpServletRequest request,
                HttpServletResponse response, Model model) {
        model.addAttribute("linkLocalId", localPatientId);
        model.addAttribute("linkCard", cardNumber);
        model.addAttribute("linkReason", reason);
        HubPrincipal actor = actor(request);
        if (reason.isBlank()) {
            return findError(response, model, HttpStatus.BAD_REQUEST, "linkError", "consent.error.link.reason");
        }
        CardLookup holder;
        try {
            holder = cards.lookupCard(cardNumber, actor);
        } catch (ApiException e) {
            return findError(response, model, e.status(), "linkError", e.status() == HttpStatus.BAD_REQUEST
                    ? "consent.error.card.format" : "consent.error.card.unknown");
        }
        try {
            LinkResult result = enrolment.link(actor.actingFacilityId(), localPatientId.strip(),
                    holder.eventNumber().formatted(), IdentityVerification.CARD, reason, actor);
            return "redirect:/portal/consents/" + result.link().eventNumber().formatted() + "?done="
                    + (result.created() ? "linked" : "alreadyLinked");
        } catch (ApiException e) {
            String key = switch (e.status()) {
                case CONFLICT -> "consent.error.link.otherNumber";
                case BAD_REQUEST -> e.fieldErrors().containsKey("reason") ? "consent.error.reason.tooLong"
                        : "consent.error.localId.format";
                default -> "consent.error.card.unknown";
            };
            return findError(response, model, e.status(), "linkError", key);
        }
    }

    private static String findError(HttpServletResponse response, Model model, HttpStatus status, String field,
                                    String key) {
        response.setStatus(status.value());
        model.addAttribute(field, key);
        return "portal/consent/find";
    }

    // ---- one patient's desk ----

    @GetMapping("/{number}")
    String desk(@PathVariable String number, @RequestParam(required = false) String done,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        if (done != null && DONE.contains(done)) {
            model.addAttribute("done", "consent.done." + done);
        }
        return deskPage(number, actor(request), response, model);
    }

    private String deskPage(String number, HubPrincipal actor, HttpServletResponse response, Model model) {
        Optional<EventNumber> parsed = parse(number);
        if (parsed.isEmpty()) {
            return absent(response, model, number);
        }
        List<ConsentRecord> consents;
        List<IcCard> patientCards;
        try {
            consents = registry.consentsOf(parsed.get().formatted(), actor);
            patientCards = cards.cardsOf(parsed.get().formatted(), actor);
        } catch (ApiException e) {
            return absent(response, model, number);
        }
        EventNumber survivor = crossReference.resolve(parsed.get()).orElse(parsed.get());
        Instant now = clock.instant();
        model.addAttribute("number", survivor.formatted());
        model.addAttribute("localIds", crossReference.localIdsOf(survivor, actor.actingFacilityId()));
        model.addAttribute("consents", consents.stream()
                .sorted(Comparator.comparing((ConsentRecord c) -> c.current().changedAt()).reversed())
                .map(c -> line(c, now)).toList());
        model.addAttribute("cards", patientCards.stream().map(c -> new CardLine(c.cardNumber().value(), c.status(),
                DeskDates.minute(c.issuedAt()), DeskDates.minute(c.lostAt()))).toList());
        return "portal/consent/desk";
    }

    // ---- recording ----

    @GetMapping("/{number}/new")
    String newConsent(@PathVariable String number, HttpServletRequest request, HttpServletResponse response,
                      Model model) {
        Optional<EventNumber> parsed = linked(number, actor(request));
        if (parsed.isEmpty()) {
            return absent(response, model, number);
        }
        return formPage(model, parsed.get(), ConsentForm.blank(DeskDates.dayOf(clock.instant())), Map.of(), null);
    }

    @PostMapping("/{number}/new")
    String record(@PathVariable String number, @ModelAttribute ConsentForm form, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        HubPrincipal actor = actor(request);
        Optional<EventNumber> parsed = linked(number, actor);
        if (parsed.isEmpty()) {
            return absent(response, model, number);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        ConsentForm.Read read = form.read(true, facilities, errors);
        if (read == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return formPage(model, parsed.get(), form, errors, null);
        }
        try {
            ConsentRecord recorded = registry.record(parsed.get().formatted(), read.category(), read.terms(),
                    read.form(), actor);
            return "redirect:/portal/consents/" + parsed.get().formatted() + "/c/" + recorded.id() + "?done=recorded";
        } catch (ApiException e) {
            return refused(e, response, model, parsed.get(), form);
        }
    }

    // ---- one consent: history, amendment, withdrawal, scanned forms ----

    @GetMapping("/{number}/c/{id}")
    String consent(@PathVariable String number, @PathVariable String id, @RequestParam(required = false) String done,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        if (done != null && DONE.contains(done)) {
            model.addAttribute("done", "consent.done." + done);
        }
        Optional<ConsentRecord> consent = consentOf(number, id, actor(request));
        if (consent.isEmpty()) {
            return absent(response, model, number);
        }
        return consentPage(model, consent.get(), ConsentForm.of(consent.get()), Map.of(), null, "");
    }

    @PostMapping("/{number}/c/{id}/amend")
    String amend(@PathVariable String number, @PathVariable String id, @ModelAttribute ConsentForm form,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        HubPrincipal actor = actor(request);
        Optional<ConsentRecord> consent = consentOf(number, id, actor);
        if (consent.isEmpty()) {
            return absent(response, model, number);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        ConsentForm.Read read = form.read(false, facilities, errors);
        if (read == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return consentPage(model, consent.get(), form, errors, null, "");
        }
        try {
            registry.amend(consent.get().id(), read.terms(), read.form(), form.getReason(), actor);
            return "redirect:/portal/consents/" + consent.get().eventNumber().formatted() + "/c/" + consent.get().id()
                    + "?done=amended";
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
                return absent(response, model, number);
            }
            return consentPage(model, consent.get(), form, Map.of(), refusalKey(e, true), "");
        }
    }

    @PostMapping("/{number}/c/{id}/withdraw")
    String withdraw(@PathVariable String number, @PathVariable String id,
                    @RequestParam(defaultValue = "") String withdrawReason, HttpServletRequest request,
                    HttpServletResponse response, Model model) {
        HubPrincipal actor = actor(request);
        Optional<ConsentRecord> consent = consentOf(number, id, actor);
        if (consent.isEmpty()) {
            return absent(response, model, number);
        }
        String error = null;
        if (withdrawReason.isBlank()) {
            error = "consent.error.withdraw.reason";
        } else if (withdrawReason.strip().length() > 1000) {
            error = "consent.error.reason.tooLong";
        } else {
            try {
                registry.withdraw(consent.get().id(), withdrawReason, actor);
                return "redirect:/portal/consents/" + consent.get().eventNumber().formatted() + "/c/"
                        + consent.get().id() + "?done=withdrawn";
            } catch (ApiException e) {
                if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
                    return absent(response, model, number);
                }
                error = e.status() == HttpStatus.CONFLICT ? "consent.error.withdraw.already"
                        : "consent.error.withdraw.reason";
            }
        }
        response.setStatus(error.endsWith("already") ? HttpStatus.CONFLICT.value() : HttpStatus.BAD_REQUEST.value());
        model.addAttribute("withdrawError", error);
        return consentPage(model, consent.get(), ConsentForm.of(consent.get()), Map.of(), null, withdrawReason);
    }

    /**
     * The scanned form kept with a version: an image inline (the history shows it), a PDF as a download. The
     * content type is the one the registry read from the file's first bytes.
     */
    @GetMapping("/{number}/c/{id}/v/{version}/form")
    ResponseEntity<byte[]> form(@PathVariable String number, @PathVariable String id, @PathVariable int version,
                                HttpServletRequest request) {
        HubPrincipal actor = actor(request);
        Optional<ConsentRecord> consent = consentOf(number, id, actor);
        if (consent.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        ScannedForm form;
        try {
            form = registry.form(consent.get().id(), version, actor);
        } catch (ApiException e) {
            return ResponseEntity.notFound().build();
        }
        boolean image = form.contentType().startsWith("image/");
        String name = "consent-" + consent.get().category().name().toLowerCase() + "-v" + version
                + (image ? (form.contentType().endsWith("png") ? ".png" : ".jpg") : ".pdf");
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(form.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, (image ? ContentDisposition.inline()
                        : ContentDisposition.attachment()).filename(name).build().toString())
                .body(form.content());
    }

    // ---- IC cards ----

    @PostMapping("/{number}/cards")
    String bindCard(@PathVariable String number, @RequestParam(defaultValue = "") String cardNumber,
                    HttpServletRequest request, HttpServletResponse response, Model model) {
        HubPrincipal actor = actor(request);
        Optional<EventNumber> parsed = linked(number, actor);
        if (parsed.isEmpty()) {
            return absent(response, model, number);
        }
        try {
            cards.bindCard(parsed.get().formatted(), cardNumber, actor);
            return "redirect:/portal/consents/" + parsed.get().formatted() + "?done=cardBound";
        } catch (ApiException e) {
            return cardError(e.status() == HttpStatus.BAD_REQUEST ? "consent.error.card.format"
                    : "consent.error.card.used", e.status(), number, actor, response, model);
        }
    }

    @PostMapping("/{number}/cards/lost")
    String reportLost(@PathVariable String number, @RequestParam(defaultValue = "") String cardNumber,
                      HttpServletRequest request, HttpServletResponse response, Model model) {
        HubPrincipal actor = actor(request);
        Optional<IcCard> card = cardOfPatient(number, cardNumber, actor);
        if (card.isEmpty()) {
            return cardError("consent.error.card.notThisPatient", HttpStatus.NOT_FOUND, number, actor, response, model);
        }
        try {
            cards.reportLost(card.get().cardNumber().value(), actor);
            return "redirect:/portal/consents/" + parse(number).orElseThrow().formatted() + "?done=cardLost";
        } catch (ApiException e) {
            return cardError("consent.error.card.alreadyLost", e.status(), number, actor, response, model);
        }
    }

    @PostMapping("/{number}/cards/replace")
    String replaceCard(@PathVariable String number, @RequestParam(defaultValue = "") String cardNumber,
                       @RequestParam(defaultValue = "") String newCardNumber, HttpServletRequest request,
                       HttpServletResponse response, Model model) {
        HubPrincipal actor = actor(request);
        Optional<IcCard> card = cardOfPatient(number, cardNumber, actor);
        if (card.isEmpty()) {
            return cardError("consent.error.card.notThisPatient", HttpStatus.NOT_FOUND, number, actor, response, model);
        }
        try {
            cards.replaceCard(card.get().cardNumber().value(), newCardNumber, actor);
            return "redirect:/portal/consents/" + parse(number).orElseThrow().formatted() + "?done=cardReplaced";
        } catch (ApiException e) {
            return cardError(e.status() == HttpStatus.BAD_REQUEST ? "consent.error.card.format"
                    : "consent.error.card.used", e.status(), number, actor, response, model);
        }
    }

    /** The card, when it is one of this patient's cards and the acting facility has the patient linked. */
    private Optional<IcCard> cardOfPatient(String number, String cardNumber, HubPrincipal actor) {
        Optional<EventNumber> parsed = parse(number);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        try {
            String typed = cardNumber.strip().toUpperCase(java.util.Locale.ROOT);
            return cards.cardsOf(parsed.get().formatted(), actor).stream()
                    .filter(c -> c.cardNumber().value().equals(typed)).findFirst();
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    private String cardError(String key, HttpStatus status, String number, HubPrincipal actor,
                             HttpServletResponse response, Model model) {
        String page = deskPage(number, actor, response, model);
        if (page.equals("portal/consent/desk")) {
            response.setStatus(status.value());
            model.addAttribute("cardError", key);
        }
        return page;
    }

    // ---- shared ----

    private String formPage(Model model, EventNumber number, ConsentForm form, Map<String, String> errors,
                            String refusal) {
        model.addAttribute("number", number.formatted());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("refusal", refusal);
        model.addAttribute("facilityOptions", facilityOptions());
        model.addAttribute("categories", ConsentCategory.values());
        model.addAttribute("ways", ObtainedVia.values());
        model.addAttribute("maxMegabytes", ScannedForm.MAX_BYTES / (1024 * 1024));
        return "portal/consent/record";
    }

    private String consentPage(Model model, ConsentRecord consent, ConsentForm form, Map<String, String> errors,
                               String refusal, String withdrawReason) {
        Instant now = clock.instant();
        model.addAttribute("number", consent.eventNumber().formatted());
        model.addAttribute("consent", line(consent, now));
        model.addAttribute("withdrawn", consent.current().storedStatus() == ConsentStatus.WITHDRAWN);
        model.addAttribute("versions", reversed(consent.versions()).stream().map(v -> version(consent, v, now))
                .toList());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("refusal", refusal);
        model.addAttribute("withdrawReason", withdrawReason);
        model.addAttribute("facilityOptions", facilityOptions());
        model.addAttribute("ways", ObtainedVia.values());
        model.addAttribute("maxMegabytes", ScannedForm.MAX_BYTES / (1024 * 1024));
        return "portal/consent/consent";
    }

    private String refused(ApiException e, HttpServletResponse response, Model model, EventNumber number,
                           ConsentForm form) {
        if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
            return absent(response, model, number.formatted());
        }
        response.setStatus(e.status().value());
        return formPage(model, number, form, Map.of(), refusalKey(e, false));
    }

    private static String refusalKey(ApiException e, boolean amending) {
        if (e.status() == HttpStatus.CONFLICT) {
            return amending && e.getMessage().contains("withdrawn") ? "consent.error.amend.withdrawn"
                    : "consent.error.conflict";
        }
        if (e.fieldErrors().containsKey("reason")) {
            return "consent.error.reason.tooLong";
        }
        return "consent.error.invalid";
    }

    private List<FacilityOption> facilityOptions() {
        return facilities.list(FacilityStatus.ACTIVE, null, null).stream()
                .map(f -> new FacilityOption(f.id(), f.details().name()))
                .sorted(Comparator.comparing(FacilityOption::name)).toList();
    }

    private ConsentLine line(ConsentRecord consent, Instant now) {
        ConsentTerms terms = consent.terms();
        return new ConsentLine(consent.id(), consent.category(), consent.statusAt(now), consent.current().version(),
                scope(terms.grantees()), scope(terms.sources()), DeskDates.day(terms.period().start()),
                terms.period().end() == null ? "" : DeskDates.lastDayBefore(terms.period().end()).toString(),
                terms.obtainedVia(), DeskDates.minute(consent.current().changedAt()));
    }

    private VersionLine version(ConsentRecord consent, ConsentVersion v, Instant now) {
        ConsentTerms terms = v.terms();
        return new VersionLine(v.version(), v.change().name(), consent.statusOf(v, now), scope(terms.grantees()),
                scope(terms.sources()), DeskDates.day(terms.period().start()),
                terms.period().end() == null ? "" : DeskDates.lastDayBefore(terms.period().end()).toString(),
                terms.obtainedVia(), facilityName(v.obtainingFacilityId()), v.reason(),
                DeskDates.minute(v.changedAt()), v.form() == null ? null : v.form().contentType(),
                v.form() != null && v.form().contentType().startsWith("image/"),
                v.form() == null ? null : kilobytes(v.form().sizeBytes()));
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new java.util.ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static String kilobytes(int bytes) {
        return bytes < 1024 ? bytes + " B" : (bytes + 1023) / 1024 + " KB";
    }

    /** Empty for every participating facility (the page says so), else the facilities' names. */
    private String scope(FacilityScope scope) {
        if (scope.all()) {
            return "";
        }
        return String.join("、", scope.facilityIds().stream().map(this::facilityName).sorted().toList());
    }

    private String facilityName(String id) {
        return facilities.find(id).map(Facility::details).map(d -> d.name()).orElse(id);
    }

    /** The consent, when it is one of this patient's and the acting facility has the patient linked. */
    private Optional<ConsentRecord> consentOf(String number, String id, HubPrincipal actor) {
        Optional<EventNumber> parsed = parse(number);
        UUID consentId;
        try {
            consentId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        try {
            ConsentRecord consent = registry.consent(consentId, actor);
            EventNumber survivor = crossReference.resolve(parsed.get()).orElse(parsed.get());
            EventNumber ofConsent = crossReference.resolve(consent.eventNumber()).orElse(consent.eventNumber());
            return survivor.equals(ofConsent) ? Optional.of(consent) : Optional.empty();
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    /** The number, when the acting facility has that patient linked (else empty, as for an unknown number). */
    private Optional<EventNumber> linked(String number, HubPrincipal actor) {
        Optional<EventNumber> parsed = parse(number);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Optional<EventNumber> survivor = crossReference.resolve(parsed.get());
        if (survivor.isEmpty() || crossReference.localIdsOf(survivor.get(), actor.actingFacilityId()).isEmpty()) {
            return Optional.empty();
        }
        return survivor;
    }

    private static String absent(HttpServletResponse response, Model model, String number) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "portal/consent/absent";
    }

    private static Optional<EventNumber> parse(String text) {
        String digits = text == null ? "" : text.replace("-", "").replace(" ", "").replace("\u3000", "").strip();
        if (!digits.matches("[1-9][0-9]{15}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventNumber.parse(digits));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    private static HubPrincipal actor(HttpServletRequest request) {
        return RequestAttributes.principal(request).orElseThrow();
    }
}
