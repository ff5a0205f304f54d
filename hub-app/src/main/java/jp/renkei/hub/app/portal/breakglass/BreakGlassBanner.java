package jp.renkei.hub.app.portal.breakglass;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.consent.breakglass.BreakGlass;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.RequestAttributes;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The emergency banner of a patient's pages: while the acting facility has break-glass open for the patient of
 * {@code /portal/patients/{number}}, every portal page of that patient gets {@code breakGlassBanner} (shown by
 * {@code templates/portal/breakglass/banner.html}, included by the layout above {@code <main>}): that the data
 * is shown under emergency access, why, and when it ends. Asked of the same {@link BreakGlass#openFor} the
 * consent gate asks, at the same moment's clock.
 */
@ControllerAdvice(basePackages = "jp.renkei.hub.app.portal")
class BreakGlassBanner {

    /** What the banner says. */
    public record Banner(String number, String reason, String expiresAt) {
    }

    private static final Pattern PATIENT_PAGE = Pattern.compile("^/portal/patients/([0-9][0-9 -]*)(?:/.*)?$");

    private final BreakGlass breakGlass;
    private final Clock clock;

    BreakGlassBanner(BreakGlass breakGlass, Clock clock) {
        this.breakGlass = breakGlass;
        this.clock = clock;
    }

    @ModelAttribute("breakGlassBanner")
    Banner banner(HttpServletRequest request) {
        Matcher matcher = PATIENT_PAGE.matcher(request.getRequestURI());
        if (!matcher.matches()) {
            return null;
        }
        Optional<HubPrincipal> person = RequestAttributes.principal(request)
                .filter(p -> p.kind() == HubPrincipal.Kind.PERSON && p.actingFacilityId() != null);
        Optional<EventNumber> number = BreakGlassPages.parse(matcher.group(1));
        if (person.isEmpty() || number.isEmpty()) {
            return null;
        }
        return breakGlass.openFor(number.get(), person.get().actingFacilityId(), clock.instant())
                .map(a -> new Banner(a.eventNumber().formatted(), a.reason(), BreakGlassPages.MINUTE.format(a.expiresAt())))
                .orElse(null);
    }
}
