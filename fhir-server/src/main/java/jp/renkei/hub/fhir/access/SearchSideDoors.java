package jp.renkei.hub.fhir.access;

import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.consent.DataCategories;

/**
 * Search parameters that reach into data the search does not name: reverse chains ({@code _has}), forward
 * chains ({@code subject.name=}, {@code subject:Patient._tag=}) other than the event number, {@code _id}
 * with modifiers, and {@code _revinclude} from directory types ({@code Organization?_revinclude=Observation:performer}
 * would list every facility's data that names an organization). Each would make the answer, its size or its
 * timing depend on other facilities' data, so they are refused outright, with how to ask instead. Decided on
 * the parameter names and values alone, never on data.
 */
final class SearchSideDoors {

    private static final Set<String> EVENT_NUMBER_CHAINS = Set.of("subject.identifier", "patient.identifier",
            "subject:Patient.identifier");
    private static final Set<String> REFUSED = Set.of("_contained", "_containedType", "_filter", "_list", "_query");

    private SearchSideDoors() {
    }

    static void check(String type, Map<String, String[]> parameters, DataCategories categories) {
        if (parameters == null) {
            return;
        }
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
            if (name.startsWith("_has")) {
                throw refused(name, "reverse chains (_has) are not offered: search the other resource type by"
                        + " patient=<event number> instead");
            }
            if (REFUSED.contains(base)) {
                throw refused(name, "this search parameter is not offered by the hub");
            }
            if (base.equals("_id") && name.contains(":")) {
                throw refused(name, "_id takes no modifier: name the resource, or read it by ID");
            }
            if (name.contains(".") && !(EVENT_NUMBER_CHAINS.contains(name) && byEventNumber(parameter.getValue()))) {
                throw refused(name, "chained parameters are offered only as subject.identifier="
                        + HubSystems.EVENT_NUMBER + "|<event number>; search the referenced type directly");
            }
            if (base.equals("_revinclude") && categories.of(type) instanceof DataCategories.NotGated) {
                throw refused(name, "_revinclude from " + type + " is not offered: search the patient data by"
                        + " patient=<event number> instead");
            }
        }
    }

    private static boolean byEventNumber(String[] values) {
        if (values == null || values.length == 0) {
            return false;
        }
        for (String value : values) {
            for (String one : value.split(",")) {
                if (!one.startsWith(HubSystems.EVENT_NUMBER + "|")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static InvalidRequestException refused(String parameter, String why) {
        return new InvalidRequestException("Search parameter " + parameter + ": " + why);
    }
}
