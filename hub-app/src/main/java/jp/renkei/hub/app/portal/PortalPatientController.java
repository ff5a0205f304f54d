package jp.renkei.hub.app.portal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.fhir.summary.RequesterSummaries;
import jp.renkei.hub.fhir.summary.SummaryRow;
import jp.renkei.hub.fhir.views.SourceFacilities;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Patient lookup by event number and the patient page: the consent-gated summary of {@code Patient/$summary},
 * produced by the same code ({@link RequesterSummaries}) as the logged-in person's {@link Requester}, so the same
 * consent gate decides every datum and audits it. Facilities whose data was withheld are named, without data.
 */
@Controller
class PortalPatientController {

    /** One row of a section: when, what, details, and the facility it came from. */
    record Row(LocalDate date, String what, String detail, String source, boolean own) {
    }

    record Section(String title, List<Row> rows) {
    }

    private final RequesterSummaries summaries;
    private final SourceFacilities facilities;

    PortalPatientController(RequesterSummaries summaries, SourceFacilities facilities) {
        this.summaries = summaries;
        this.facilities = facilities;
    }

    /** The lookup form; with {@code number}, the number is checked and the patient page opened. */
    @GetMapping("/portal/patients")
    String lookup(@RequestParam(required = false) String number, HttpServletResponse response, Model model) {
        if (number == null) {
            return "portal/lookup";
        }
        Optional<EventNumber> parsed = parse(number, response, model);
        return parsed.map(n -> "redirect:/portal/patients/" + n.formatted()).orElse("portal/lookup");
    }

    @GetMapping("/portal/patients/{number}")
    String patient(@PathVariable String number, HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<EventNumber> parsed = parse(number, response, model);
        if (parsed.isEmpty()) {
            return "portal/lookup";
        }
        Requester requester = Requesters.current(request);
        RequesterSummaries.Summary summary;
        try {
            summary = summaries.summary(requester, parsed.get());
        } catch (ForbiddenOperationException e) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            model.addAttribute("number", parsed.get().formatted());
            return "portal/patient-refused";
        }
        String own = requester.facilityId();
        model.addAttribute("number", parsed.get().formatted());
        model.addAttribute("subjectLine", summary.subjectLine());
        model.addAttribute("sections", summary.sections().stream()
                .map(s -> new Section(s.title(), s.entries().stream().map(r -> row(r, own)).toList())).toList());
        model.addAttribute("withheld", summary.withheldSources().stream().map(facilities::name).toList());
        return "portal/patient";
    }

    private Row row(Resource resource, String ownFacility) {
        SummaryRow row = SummaryRow.of(resource);
        String source = SourceFacilities.sourceOf(resource);
        return new Row(row.date(), row.what(), row.detail(), source.isEmpty() ? "" : facilities.name(source),
                source.equals(ownFacility));
    }

    /** The number as typed (grouped or not); a Japanese message and 400 when it is malformed or mistyped. */
    private static Optional<EventNumber> parse(String text, HttpServletResponse response, Model model) {
        String digits = text.replace("-", "").replace(" ", "").replace("\u3000", "").replace("\u2010", "").trim();
        model.addAttribute("typed", text);
        if (!digits.matches("[1-9][0-9]{15}")) {
            return refuse(response, model, "lookup.error.format");
        }
        try {
            return Optional.of(EventNumber.parse(digits));
        } catch (ApiException e) {
            return refuse(response, model, "lookup.error.checkDigit");
        }
    }

    private static Optional<EventNumber> refuse(HttpServletResponse response, Model model, String message) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("error", message);
        return Optional.empty();
    }
}
