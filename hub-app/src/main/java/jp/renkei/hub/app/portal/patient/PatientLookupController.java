package jp.renkei.hub.app.portal.patient;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.card.IcCards;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.fhir.patient.OwnPatients;
import jp.renkei.hub.fhir.summary.RequesterSummaries;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Opening a patient: by event number (with the check digit checked as it is typed, an htmx fragment), by the
 * patient's IC card, among the acting facility's own patients by local patient ID or name, or from the
 * person's recent patients. Only the event number ever appears in a URL: the other lookups are POST forms that
 * redirect to {@code /portal/patients/<event number>}.
 */
@Controller
class PatientLookupController {

    static final String LOOKUP = "portal/patient/lookup";

    private final IcCards cards;
    private final RequesterSummaries summaries;
    private final OwnPatients ownPatients;
    private final RecentPatients recent;

    PatientLookupController(IcCards cards, RequesterSummaries summaries, OwnPatients ownPatients,
                            RecentPatients recent) {
        this.cards = cards;
        this.summaries = summaries;
        this.ownPatients = ownPatients;
        this.recent = recent;
    }

    /** The lookup page; with {@code number}, the number is checked and the patient page opened. */
    @GetMapping("/portal/patients")
    String lookup(@RequestParam(required = false) String number, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        if (number != null) {
            EventNumbers.Check check = EventNumbers.check(number);
            if (check.valid()) {
                return "redirect:/portal/patients/" + check.number().get().formatted();
            }
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("typed", number);
            model.addAttribute("error", check.message().equals(EventNumbers.INCOMPLETE) ? EventNumbers.FORMAT
                    : check.message());
        }
        return page(request, model);
    }

    /** The check-digit feedback as the number is typed (htmx swaps it under the field); always 200. */
    @GetMapping("/portal/patients/check")
    String check(@RequestParam(required = false) String number, Model model) {
        EventNumbers.Check check = EventNumbers.check(number);
        model.addAttribute("check", check);
        model.addAttribute("checkLevel", check.valid() ? "ok"
                : check.message().equals(EventNumbers.EMPTY) || check.message().equals(EventNumbers.INCOMPLETE)
                ? "info" : "bad");
        return LOOKUP + " :: check";
    }

    /**
     * The patient's IC card: its holder's page when the person may open it. An unknown card, a card reported
     * lost and the card of a patient the person may not see all get the same answer (404, the same sentence),
     * and no event number.
     */
    @PostMapping("/portal/patients/card")
    String card(@RequestParam(required = false) String cardNumber, HttpServletRequest request,
                HttpServletResponse response, Model model) {
        Requester requester = Requesters.current(request);
        Optional<EventNumber> number;
        try {
            number = Optional.of(cards.lookupCard(cardNumber, requester.principal()).eventNumber());
        } catch (ApiException e) {
            if (e.status() == HttpStatus.BAD_REQUEST) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                model.addAttribute("cardError", "patient.lookup.card.format");
                return page(request, model);
            }
            number = Optional.empty();
        }
        if (number.isPresent() && summaries.mayOpen(requester, number.get())) {
            return "redirect:/portal/patients/" + number.get().formatted();
        }
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("cardError", "patient.lookup.card.notFound");
        return page(request, model);
    }

    /** The acting facility's own patients by local patient ID or name (kana or kanji); never another's. */
    @PostMapping("/portal/patients/own")
    String own(@RequestParam(required = false) String by, @RequestParam(required = false) String query,
               HttpServletRequest request, HttpServletResponse response, Model model) {
        String facility = Requesters.current(request).facilityId();
        String text = query == null ? "" : query.strip();
        boolean byId = "localId".equals(by);
        model.addAttribute("ownBy", byId ? "localId" : "name");
        model.addAttribute("ownQuery", text);
        if (text.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("ownError", "patient.lookup.own.empty");
            return page(request, model);
        }
        List<OwnPatients.OwnPatient> found = byId ? ownPatients.byLocalId(facility, text)
                : ownPatients.byName(facility, text);
        model.addAttribute("ownResults", found);
        return page(request, model);
    }

    private String page(HttpServletRequest request, Model model) {
        Requester requester = Requesters.current(request);
        model.addAttribute("recent", recent.of(requester.principal().id(), requester.facilityId()));
        return LOOKUP;
    }
}
