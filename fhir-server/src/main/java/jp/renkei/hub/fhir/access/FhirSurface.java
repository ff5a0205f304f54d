package jp.renkei.hub.fhir.access;

import static jp.renkei.hub.fhir.access.FhirSurface.Interaction.CREATE;
import static jp.renkei.hub.fhir.access.FhirSurface.Interaction.DELETE;
import static jp.renkei.hub.fhir.access.FhirSurface.Interaction.HISTORY_INSTANCE;
import static jp.renkei.hub.fhir.access.FhirSurface.Interaction.PATCH;
import static jp.renkei.hub.fhir.access.FhirSurface.Interaction.READ;
import static jp.renkei.hub.fhir.access.FhirSurface.Interaction.SEARCH;
import static jp.renkei.hub.fhir.access.FhirSurface.Interaction.UPDATE;
import static jp.renkei.hub.fhir.access.FhirSurface.Interaction.VREAD;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.renkei.hub.fhir.consent.DataCategories;

/**
 * THE table of what the hub's FHIR API offers: which resource types, which interactions on them and which
 * operations. Anything not in it is refused before HAPI does any work, also inside batches and transactions,
 * and is left out of the CapabilityStatement. docs/security.md shows this table ({@link #markdown()}, checked
 * by a test). Whether a particular resource may be seen is the consent gate's decision; whether it may be
 * changed is {@code WriteRule}'s; this table only says what can be asked at all.
 */
public final class FhirSurface {

    /** FHIR RESTful interactions on a type or instance, by their CapabilityStatement codes. */
    public enum Interaction {
        READ("read"), VREAD("vread"), SEARCH("search-type"), HISTORY_INSTANCE("history-instance"),
        CREATE("create"), UPDATE("update"), PATCH("patch"), DELETE("delete");

        private final String code;

        Interaction(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public boolean writes() {
            return this == CREATE || this == UPDATE || this == PATCH || this == DELETE;
        }

        public static Optional<Interaction> ofCode(String code) {
            for (Interaction interaction : values()) {
                if (interaction.code.equals(code)) {
                    return Optional.of(interaction);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * What is offered on one resource type.
     *
     * @param typeOperations     operations at type level ({@code Patient/$summary}), names without {@code $}
     * @param instanceOperations operations at instance level ({@code Patient/1/$everything})
     * @param rule               the name of the rule that says who may do it (explained below the table)
     */
    public record Offer(String type, Set<Interaction> interactions, Set<String> typeOperations,
                        Set<String> instanceOperations, String rule) {

        public Offer {
            interactions = interactions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(interactions));
            typeOperations = Set.copyOf(typeOperations);
            instanceOperations = Set.copyOf(instanceOperations);
        }

        public boolean offers(Interaction interaction) {
            return interactions.contains(interaction);
        }

        public boolean offersOperation(String name, boolean instance) {
            return (instance ? instanceOperations : typeOperations).contains(strip(name));
        }
    }

    /** System-level interactions: {@code POST /fhir} with a batch or transaction Bundle, and the capabilities. */
    public static final Set<String> SYSTEM_INTERACTIONS = Set.of("transaction", "batch", "capabilities");

    private static final Set<Interaction> ALL = EnumSet.allOf(Interaction.class);
    private static final Set<Interaction> READ_ONLY = EnumSet.of(READ, VREAD, SEARCH, HISTORY_INSTANCE);
    private static final Set<Interaction> SEARCH_READ = EnumSet.of(READ, VREAD, SEARCH);

    /** The rules by their short names, as the table's legend explains them. */
    private static final Map<String, String> RULES = new LinkedHashMap<>();

    private static final String PATIENT_DATA_RULE = rule("patient data", "read and search only by its source facility or"
            + " under a consent covering the requester, source and category (consent gate); a search names one"
            + " patient (event number) or only the requester's own data; written only by its source facility,"
            + " only about its own patients, referring only to data it may see");
    private static final String PATIENT_RULE = rule("identity", "seen by its source facility, or when any category of the"
            + " patient's data is open to the requester; demographic searches only within the requester's own"
            + " patients; written only by its source facility; the views put every entry to the consent gate");
    private static final String HUB_WRITTEN_RULE = rule("patient data, hub-written", "read and searched like"
            + " patient data; written only by the hub (e.g. the seal of a second-read report, a patient's answers to"
            + " a facility's web questionnaire)");
    private static final String DIRECTORY_RULE = rule("directory", "no patient data: read by every facility;"
            + " written only by the facility that created it");
    private static final String FORM_RULE = rule("form", "no patient data: read by every facility; written only by"
            + " the hub when the owning facility publishes or retires it in the portal");
    private static final String HUB_DIRECTORY_RULE = rule("directory, hub-written", "no patient data: read by"
            + " every facility; written only by the hub from the facility directory (each facility edits its profile"
            + " through /api/directory, never over FHIR)");
    private static final String REGISTRY_RULE = rule("registry", "read only: kept by the hub from the facility"
            + " registry");
    private static final String CONFORMANCE_RULE = rule("conformance", "read only: conformance and terminology"
            + " loaded by the hub");
    private static final String CONSENT_RULE = rule("consent view", "read only: a view of the consent registry, by"
            + " its own rules");
    private static final String AUDIT_RULE = rule("audit view", "read only, hub administrators only: a view of the"
            + " audit trail");

    private static final Map<String, Offer> OFFERS = new LinkedHashMap<>();

    /** Offered types the hub serves from its own records (the audit trail, the consent registry), not from HAPI's store. */
    private static final Set<String> VIEWS = Set.of("AuditEvent", "Consent");

    /**
     * Types HAPI's store needs for its own work, never offered: its package cache keeps every installed FHIR package
     * (JP Core) as a Binary, and its {@code $merge} service, wired into every resource provider, asks for the Task
     * DAO when it is created.
     */
    private static final Set<String> HAPI_INTERNAL = Set.of("Binary", "Task");

    static {
        offer("Patient", ALL, Set.of("validate", "summary", "dispensing-history", "medication-check", "lab-trend",
                "ihe-pix"), Set.of("everything", "summary", "dispensing-history", "medication-check", "lab-trend"),
                PATIENT_RULE);
        for (String type : List.of("AllergyIntolerance", "CarePlan", "Condition", "Coverage", "DiagnosticReport",
                "DocumentReference", "Encounter", "FamilyMemberHistory", "ImagingStudy", "Immunization", "Media",
                "MedicationAdministration", "MedicationDispense", "MedicationRequest", "MedicationStatement",
                "Observation", "Procedure", "ServiceRequest", "Specimen")) {
            offer(type, ALL, Set.of("validate"), Set.of(), PATIENT_DATA_RULE);
        }
        offer("Provenance", READ_ONLY, Set.of(), Set.of(), HUB_WRITTEN_RULE);
        offer("QuestionnaireResponse", READ_ONLY, Set.of(), Set.of(), HUB_WRITTEN_RULE);
        for (String type : List.of("Location", "HealthcareService")) {
            offer(type, READ_ONLY, Set.of(), Set.of(), HUB_DIRECTORY_RULE);
        }
        for (String type : List.of("Medication", "Practitioner", "PractitionerRole")) {
            offer(type, ALL, Set.of("validate"), Set.of(), DIRECTORY_RULE);
        }
        offer("Questionnaire", SEARCH_READ, Set.of(), Set.of(), FORM_RULE);
        offer("Organization", READ_ONLY, Set.of(), Set.of(), REGISTRY_RULE);
        offer("CodeSystem", SEARCH_READ, Set.of("lookup", "validate-code", "subsumes"), Set.of("validate-code"),
                CONFORMANCE_RULE);
        offer("ValueSet", SEARCH_READ, Set.of("expand", "validate-code"), Set.of("expand", "validate-code"),
                CONFORMANCE_RULE);
        offer("ConceptMap", SEARCH_READ, Set.of("translate"), Set.of("translate"), CONFORMANCE_RULE);
        for (String type : List.of("ImplementationGuide", "NamingSystem", "OperationDefinition", "SearchParameter",
                "StructureDefinition")) {
            offer(type, SEARCH_READ, Set.of(), Set.of(), CONFORMANCE_RULE);
        }
        offer("Consent", SEARCH_READ, Set.of(), Set.of(), CONSENT_RULE);
        offer("AuditEvent", EnumSet.of(READ, SEARCH), Set.of(), Set.of(), AUDIT_RULE);
    }

    private FhirSurface() {
    }

    private static String rule(String name, String text) {
        RULES.put(name, text);
        return name;
    }

    private static void offer(String type, Set<Interaction> interactions, Set<String> typeOperations,
                              Set<String> instanceOperations, String rule) {
        OFFERS.put(type, new Offer(type, interactions, typeOperations, instanceOperations, rule));
    }

    public static Optional<Offer> offer(String type) {
        return Optional.ofNullable(type == null ? null : OFFERS.get(type));
    }

    public static List<Offer> offers() {
        return List.copyOf(OFFERS.values());
    }

    /**
     * The resource types HAPI's JPA store keeps: every offered type except the views, the few HAPI needs itself, and
     * every patient-data type the hub's clinical views search ({@link DataCategories#patientDataTypes()}).
     * HAPI gets a DAO, a resource provider and a place in its {@code DaoRegistry} only for these
     * ({@code JpaStoreTypes}); the hub's own writes (gateway ingest, DICOM, demo data) stay within them too. A
     * request for a stored type that is not offered is refused like any other type the table does not list.
     */
    public static Set<String> storedTypes() {
        Set<String> stored = new LinkedHashSet<>(OFFERS.keySet());
        stored.removeAll(VIEWS);
        stored.addAll(HAPI_INTERNAL);
        stored.addAll(DataCategories.patientDataTypes());
        return Collections.unmodifiableSet(stored);
    }

    /** Operation names are compared without their {@code $}. */
    static String strip(String operation) {
        return operation.startsWith("$") ? operation.substring(1) : operation;
    }

    /** The table as docs/security.md shows it. */
    public static String markdown() {
        List<String> lines = new ArrayList<>();
        lines.add("| Resource type | Interactions | Operations | Rule |");
        lines.add("|---|---|---|---|");
        for (Offer offer : OFFERS.values()) {
            List<String> interactions = offer.interactions().stream().sorted().map(Interaction::code).toList();
            List<String> operations = new ArrayList<>();
            offer.typeOperations().stream().sorted().forEach(op -> operations.add("`" + offer.type() + "/$" + op + "`"));
            offer.instanceOperations().stream().sorted()
                    .forEach(op -> operations.add("`" + offer.type() + "/[id]/$" + op + "`"));
            lines.add("| " + offer.type() + " | " + String.join(", ", interactions) + " | "
                    + (operations.isEmpty() ? "—" : String.join(", ", operations)) + " | " + offer.rule() + " |");
        }
        lines.add("| (system) | " + String.join(", ", SYSTEM_INTERACTIONS.stream().sorted().toList())
                + " | — | system |");
        lines.add("");
        RULES.forEach((name, text) -> lines.add("- **" + name + "**: " + text));
        lines.add("- **system**: `GET /fhir/metadata` for anyone; `POST /fhir` with a batch or transaction Bundle whose"
                + " every entry is checked against this table and the rules, as if sent alone");
        return String.join("\n", lines) + "\n";
    }
}
