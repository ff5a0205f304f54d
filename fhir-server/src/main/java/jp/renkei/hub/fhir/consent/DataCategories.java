package jp.renkei.hub.fhir.consent;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import jp.renkei.hub.consent.ConsentCategory;

/**
 * THE table of how the consent gate treats each FHIR resource type. Nothing else in the hub decides this.
 *
 * <table>
 *   <caption>Resource types and what governs their visibility</caption>
 *   <tr><th>Kind</th><th>Types</th><th>Visible to another facility when</th></tr>
 *   <tr><td>{@link ConsentCategory#DISPENSING}</td><td>MedicationDispense</td><td>a DISPENSING consent permits</td></tr>
 *   <tr><td>{@link ConsentCategory#IMAGING}</td><td>ImagingStudy, Media</td><td>an IMAGING consent permits</td></tr>
 *   <tr><td>{@link ConsentCategory#CLINICAL}</td><td>Observation, Condition, AllergyIntolerance,
 *       MedicationRequest, MedicationAdministration, MedicationStatement, DiagnosticReport, Encounter,
 *       EpisodeOfCare, Procedure, Immunization, DocumentReference, Composition, CarePlan, CareTeam, Goal,
 *       ServiceRequest, Specimen, FamilyMemberHistory, ClinicalImpression, RiskAssessment, Flag,
 *       NutritionOrder, QuestionnaireResponse, and every other type in FHIR's Patient compartment that is not
 *       listed here (so a type nobody classified is gated, never open)</td>
 *       <td>a CLINICAL consent (or break-glass) permits</td></tr>
 *   <tr><td>identity</td><td>Patient</td><td>ANY category is permitted for the patient</td></tr>
 *   <tr><td>not gated</td><td>Organization, Practitioner, PractitionerRole, Location, Medication, Device,
 *       Endpoint, HealthcareService, Substance; conformance and terminology resources; Bundle,
 *       OperationOutcome, Parameters; AuditEvent and Consent (served only from the audit trail and the
 *       consent registry, each with its own access rules); every type outside FHIR's Patient
 *       compartment</td><td>always</td></tr>
 * </table>
 *
 * In every gated kind the facility the data came from always sees it ("own data"). Which of these types the FHIR
 * API offers at all, and how, is {@link jp.renkei.hub.fhir.access.FhirSurface}'s table (e.g. Device and Endpoint
 * are classified here but not offered).
 */
public final class DataCategories {

    /** How the gate treats a type. */
    public sealed interface Kind {
    }

    /** Patient data of one consent category. */
    public record PatientData(ConsentCategory category) implements Kind {
    }

    /** The Patient resource itself. */
    public record Identity() implements Kind {
    }

    /** Not patient data: always visible. */
    public record NotGated() implements Kind {
    }

    private static final Kind IDENTITY = new Identity();
    private static final Kind NOT_GATED = new NotGated();
    private static final Kind CLINICAL = new PatientData(ConsentCategory.CLINICAL);

    private static final Map<String, Kind> TABLE = Map.ofEntries(
            Map.entry("MedicationDispense", new PatientData(ConsentCategory.DISPENSING)),
            Map.entry("ImagingStudy", new PatientData(ConsentCategory.IMAGING)),
            Map.entry("Media", new PatientData(ConsentCategory.IMAGING)),
            Map.entry("Observation", CLINICAL),
            Map.entry("Condition", CLINICAL),
            Map.entry("AllergyIntolerance", CLINICAL),
            Map.entry("MedicationRequest", CLINICAL),
            Map.entry("MedicationAdministration", CLINICAL),
            Map.entry("MedicationStatement", CLINICAL),
            Map.entry("DiagnosticReport", CLINICAL),
            Map.entry("Encounter", CLINICAL),
            Map.entry("EpisodeOfCare", CLINICAL),
            Map.entry("Procedure", CLINICAL),
            Map.entry("Immunization", CLINICAL),
            Map.entry("DocumentReference", CLINICAL),
            Map.entry("Composition", CLINICAL),
            Map.entry("CarePlan", CLINICAL),
            Map.entry("CareTeam", CLINICAL),
            Map.entry("Goal", CLINICAL),
            Map.entry("ServiceRequest", CLINICAL),
            Map.entry("Specimen", CLINICAL),
            Map.entry("FamilyMemberHistory", CLINICAL),
            Map.entry("ClinicalImpression", CLINICAL),
            Map.entry("RiskAssessment", CLINICAL),
            Map.entry("Flag", CLINICAL),
            Map.entry("NutritionOrder", CLINICAL),
            Map.entry("QuestionnaireResponse", CLINICAL),
            Map.entry("Patient", IDENTITY),
            Map.entry("Organization", NOT_GATED),
            Map.entry("Practitioner", NOT_GATED),
            Map.entry("PractitionerRole", NOT_GATED),
            Map.entry("Location", NOT_GATED),
            Map.entry("Medication", NOT_GATED),
            Map.entry("Device", NOT_GATED),
            Map.entry("Endpoint", NOT_GATED),
            Map.entry("HealthcareService", NOT_GATED),
            Map.entry("Substance", NOT_GATED),
            Map.entry("Bundle", NOT_GATED),
            Map.entry("OperationOutcome", NOT_GATED),
            Map.entry("Parameters", NOT_GATED),
            Map.entry("AuditEvent", NOT_GATED),
            Map.entry("Consent", NOT_GATED));

    private final FhirContext context;

    public DataCategories(FhirContext context) {
        this.context = context;
    }

    /**
     * The patient-data types the table names (with Patient): the hub's clinical views ($summary, the portal's patient
     * page, letters' attachments) search these, so HAPI's store must keep them even where the FHIR API offers none.
     */
    public static Set<String> patientDataTypes() {
        Set<String> types = new TreeSet<>();
        TABLE.forEach((type, kind) -> {
            if (kind instanceof PatientData || kind instanceof Identity) {
                types.add(type);
            }
        });
        return Collections.unmodifiableSet(types);
    }

    /** The kind of {@code resourceType}: from the table, else CLINICAL when in FHIR's Patient compartment. */
    public Kind of(String resourceType) {
        Kind listed = TABLE.get(resourceType);
        if (listed != null) {
            return listed;
        }
        return inPatientCompartment(resourceType) ? CLINICAL : NOT_GATED;
    }

    /** The consent category of patient data; empty for Patient and types that are not gated. */
    public Optional<ConsentCategory> categoryOf(String resourceType) {
        return of(resourceType) instanceof PatientData data ? Optional.of(data.category()) : Optional.empty();
    }

    private boolean inPatientCompartment(String resourceType) {
        RuntimeResourceDefinition definition;
        try {
            definition = context.getResourceDefinition(resourceType);
        } catch (RuntimeException unknownType) {
            return true;
        }
        return definition.getSearchParams().stream()
                .anyMatch(p -> p.getProvidesMembershipInCompartments() != null
                        && p.getProvidesMembershipInCompartments().contains("Patient"));
    }
}
