package jp.renkei.hub.fhir.patient;

import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jp.renkei.hub.fhir.HubSystems;
import org.hl7.fhir.r4.model.Patient;

/**
 * Keeps a facility's Patient searches to its own patients unless they name specific patients. Finding a
 * patient across facilities goes by the event number (or by resource ID); every other Patient search (by
 * name, birth date, gender, address, telecom, other identifiers, or none at all) gets an extra
 * {@code identifier=<own local system>|} criterion, which matches only Patients carrying some local ID of
 * the acting facility. Restricting rather than refusing keeps the facility's everyday searches working.
 *
 * <p>Refused outright: any identifier criterion in another facility's local system (403; even an empty
 * answer would tell whether that facility has such a patient), identifier criteria without a system or
 * with a modifier (400; they would match other facilities' local IDs too), chained demographic or foreign
 * identifier criteria on a patient reference from other resource types (403; they would search other
 * facilities' patients by name through the back door), and {@code Patient/$everything} across all
 * patients (403).
 */
public final class PatientSearchScope {

    /** Patient search parameters that describe a person rather than name a record. */
    public static final Set<String> DEMOGRAPHIC = Set.of("name", "family", "given", "phonetic", "birthdate",
            "gender", "address", "address-city", "address-country", "address-postalcode", "address-state",
            "address-use", "telecom", "phone", "email");

    private static final Set<String> PATIENT_REFERENCES = Set.of("patient", "subject");

    private PatientSearchScope() {
    }

    /** Checks {@code map} and, for an open Patient search, narrows it to the facility's own patients. */
    public static void apply(String resourceType, SearchParameterMap map, ActingFacility facility) {
        checkChains(map, facility);
        if (!"Patient".equals(resourceType)) {
            return;
        }
        List<List<IQueryParameterType>> identifiers = map.get(Patient.SP_IDENTIFIER);
        if (identifiers != null) {
            identifiers.forEach(or -> or.forEach(token -> checkIdentifier(token, facility)));
        }
        if (namesPatients(map, facility)) {
            return;
        }
        if (map.getEverythingMode() != null) {
            throw new ForbiddenOperationException("Patient/$everything needs the patient's ID: it is not run"
                    + " across all patients");
        }
        String own = facility.localSystem().orElseThrow(() -> new ForbiddenOperationException(
                "your facility has no local patient IDs, so it can search Patients only by event number ("
                        + HubSystems.EVENT_NUMBER + "|…) or by ID"));
        map.add(Patient.SP_IDENTIFIER, new TokenParam(own, null));
    }

    /** Whether the search is pinned to particular patients: by ID, or by event number or own local ID only. */
    private static boolean namesPatients(SearchParameterMap map, ActingFacility facility) {
        if (map.containsKey("_id")) {
            return true;
        }
        List<List<IQueryParameterType>> identifiers = map.get(Patient.SP_IDENTIFIER);
        return identifiers != null && identifiers.stream().anyMatch(or -> !or.isEmpty()
                && or.stream().allMatch(token -> pins((TokenParam) token, facility)));
    }

    private static boolean pins(TokenParam token, ActingFacility facility) {
        return token.getMissing() == null && (facility.isOwnLocalSystem(token.getSystem())
                || HubSystems.EVENT_NUMBER.equals(token.getSystem()) && token.getValue() != null
                        && !token.getValue().isBlank());
    }

    private static void checkIdentifier(IQueryParameterType parameter, ActingFacility facility) {
        TokenParam token = (TokenParam) parameter;
        if (token.getMissing() != null) {
            return;
        }
        if (token.getModifier() != null) {
            throw new InvalidRequestException("identifier" + token.getModifier().getValue()
                    + " is not supported for Patient: search by identifier=<system>|<value>");
        }
        if (token.getSystem() == null || token.getSystem().isBlank()) {
            throw new InvalidRequestException("identifier searches on Patient must name the system ("
                    + HubSystems.EVENT_NUMBER + "|<number> or your facility's local system|<id>): a bare value"
                    + " would match other facilities' local IDs");
        }
        refuseForeign(token.getSystem(), facility);
    }

    /** Chained criteria on patient references, e.g. {@code Observation?subject.name=…}. */
    private static void checkChains(SearchParameterMap map, ActingFacility facility) {
        for (Map.Entry<String, List<List<IQueryParameterType>>> entry : map.entrySet()) {
            for (List<IQueryParameterType> or : entry.getValue()) {
                for (IQueryParameterType value : or) {
                    if (value instanceof ReferenceParam reference && reference.hasChain()
                            && targetsPatient(entry.getKey(), reference)) {
                        checkChain(entry.getKey(), reference, facility);
                    }
                }
            }
        }
    }

    private static boolean targetsPatient(String name, ReferenceParam reference) {
        String type = reference.getResourceType();
        return "Patient".equals(type) || type == null && PATIENT_REFERENCES.contains(name);
    }

    private static void checkChain(String name, ReferenceParam reference, ActingFacility facility) {
        String first = reference.getChain().split("\\.", 2)[0];
        if (DEMOGRAPHIC.contains(first)) {
            throw new ForbiddenOperationException("chained search " + name + "." + first + " would search other"
                    + " facilities' patients by their details: find the patient first (Patient?" + first
                    + "=… searches your own patients, Patient?identifier=" + HubSystems.EVENT_NUMBER
                    + "|… any linked patient)");
        }
        if (Patient.SP_IDENTIFIER.equals(first)) {
            String token = reference.getValue();
            int bar = token == null ? -1 : token.indexOf('|');
            refuseForeign(bar < 0 ? null : token.substring(0, bar), facility);
        }
    }

    private static void refuseForeign(String system, ActingFacility facility) {
        if (facility.isForeignLocalSystem(system)) {
            throw new ForbiddenOperationException(system + " is another facility's local patient-ID system:"
                    + " search by event number (" + HubSystems.EVENT_NUMBER + "|…) instead");
        }
    }
}
