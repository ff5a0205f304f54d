package jp.renkei.hub.app.portal.directory;

import java.util.ArrayList;
import java.util.List;

import jp.renkei.hub.regional.directory.SearchRequest;
import org.springframework.web.util.UriComponentsBuilder;

/** The search form as the person filled it in, shown back with the results and carried into the page links. */
record SearchForm(List<String> kind, List<String> department, List<String> service, String municipality, String area,
                  String from, String lat, String lon, String radiusKm, List<String> accepting, String openOn,
                  String openAt, String name, String size) {

    SearchForm {
        kind = orEmpty(kind);
        department = orEmpty(department);
        service = orEmpty(service);
        accepting = orEmpty(accepting);
    }

    SearchRequest request(String page) {
        return new SearchRequest(kind, department, service, municipality, area, from, lat, lon, radiusKm, accepting,
                openOn, openAt, name, page, size);
    }

    /** The link to another page of the same search. */
    String pageLink(int page) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/portal/directory");
        kind.forEach(v -> link.queryParam("kind", v));
        department.forEach(v -> link.queryParam("department", v));
        service.forEach(v -> link.queryParam("service", v));
        accepting.forEach(v -> link.queryParam("accepting", v));
        List<String[]> single = new ArrayList<>(List.of(new String[] {"municipality", municipality},
                new String[] {"area", area}, new String[] {"from", from}, new String[] {"lat", lat},
                new String[] {"lon", lon}, new String[] {"radiusKm", radiusKm}, new String[] {"openOn", openOn},
                new String[] {"openAt", openAt}, new String[] {"name", name}, new String[] {"size", size}));
        for (String[] pair : single) {
            if (pair[1] != null && !pair[1].isBlank()) {
                link.queryParam(pair[0], pair[1]);
            }
        }
        return link.queryParam("page", page).encode().build().toUriString();
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
