package jp.renkei.hub.app.portal.directory;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.regional.directory.DirectorySearch;
import jp.renkei.hub.regional.directory.InvalidInput;
import jp.renkei.hub.regional.directory.ResultMap;
import jp.renkei.hub.regional.directory.ResultPage;
import jp.renkei.hub.regional.directory.SearchCriteria;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The referral desk's facility search ({@code /portal/directory}): a plain GET form, the results as a numbered list
 * with distance, services, hours and contact, and the same page as an SVG map drawn on the server. On the first
 * visit the search starts from the person's own facility when it has a position.
 */
@Controller
class DirectorySearchPages {

    private final DirectorySearch search;
    private final MessageSource messages;

    DirectorySearchPages(DirectorySearch search, MessageSource messages) {
        this.search = search;
        this.messages = messages;
    }

    @GetMapping("/portal/directory")
    String page(@RequestParam(required = false) List<String> kind,
                @RequestParam(required = false) List<String> department,
                @RequestParam(required = false) List<String> service,
                @RequestParam(required = false) String municipality, @RequestParam(required = false) String area,
                @RequestParam(required = false) String from, @RequestParam(required = false) String lat,
                @RequestParam(required = false) String lon, @RequestParam(required = false) String radiusKm,
                @RequestParam(required = false) List<String> accepting,
                @RequestParam(required = false) String openOn, @RequestParam(required = false) String openAt,
                @RequestParam(required = false) String name, @RequestParam(required = false) String page,
                @RequestParam(required = false) String size,
                HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        Requester requester = Requesters.current(request);
        List<jp.renkei.hub.regional.directory.DirectoryEntry> origins = search.origins();
        if (request.getQueryString() == null && origins.stream().anyMatch(o -> o.facilityId().equals(requester.facilityId()))) {
            from = requester.facilityId();
        }
        SearchForm form = new SearchForm(kind, department, service, municipality, area, from, lat, lon, radiusKm,
                accepting, openOn, openAt, name, size);
        model.addAttribute("form", form);
        model.addAttribute("codes", DirectoryCodes.ALL);
        model.addAttribute("areas", search.areas());
        model.addAttribute("origins", origins);
        model.addAttribute("mayEditOwn", requester.has(HubRole.FACILITY_ADMIN));
        model.addAttribute("operator", requester.has(HubRole.HUB_ADMIN));
        try {
            ResultPage result = search.search(SearchCriteria.of(form.request(page)));
            model.addAttribute("result", result);
            model.addAttribute("map", ResultMap.svg(result, new ResultMap.Labels(
                    messages.getMessage("directory.map.title", null, locale),
                    messages.getMessage("directory.map.origin", null, locale),
                    messages.getMessage("directory.map.none", null, locale))));
            if (result.hasPrevious()) {
                model.addAttribute("previousLink", form.pageLink(result.number() - 1));
            }
            if (result.hasNext()) {
                model.addAttribute("nextLink", form.pageLink(result.number() + 1));
            }
        } catch (InvalidInput e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errors", e.fieldErrors());
        }
        return "portal/directory/search";
    }
}
