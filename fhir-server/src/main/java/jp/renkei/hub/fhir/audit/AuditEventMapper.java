package jp.renkei.hub.fhir.audit;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditRecord;
import jp.renkei.hub.fhir.HubSystems;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * Shows one event of the hub's audit trail as a FHIR R4 {@code AuditEvent}, in the manner of IHE Basic
 * Audit Log Patterns: a RESTful interaction (or a DICOM user-authentication event), the requesting agent
 * with its roles and address, the acting facility, the hub as observer, and the patient and resource
 * concerned.
 */
public final class AuditEventMapper {

    public static final String ACTOR_ID_SYSTEM = "https://renkei-hub.jp/fhir/sid/actor-id";
    public static final String FACILITY_ID_SYSTEM = HubSystems.FACILITY;
    public static final String EVENT_NUMBER_SYSTEM = HubSystems.EVENT_NUMBER;
    public static final String ROLE_SYSTEM = "https://renkei-hub.jp/fhir/CodeSystem/hub-role";

    static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String SECURITY_ROLE_TYPE = "http://terminology.hl7.org/CodeSystem/extra-security-role-type";
    static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    /** A FHIR reference ({@code Type/id}) inside a resource text such as {@code GET /fhir/Observation/42}. */
    private static final Pattern FHIR_REFERENCE =
            Pattern.compile("(?:^|[\\s/])([A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64})(?=$|[/?#\\s])");

    public AuditEvent toFhir(AuditRecord record) {
        AuditEvent event = new AuditEvent();
        event.setId(String.valueOf(record.seq()));
        event.getMeta().setVersionId("1").setLastUpdated(Date.from(record.recordedAt()));
        typeAndSubtype(event, record.action());
        event.setAction(action(record.action()));
        event.setRecorded(Date.from(record.recordedAt()));
        event.setOutcome(outcome(record.outcome()));
        event.setOutcomeDesc(record.detail());
        if (record.purpose() != null) {
            event.addPurposeOfEvent(new CodeableConcept(new Coding(ACT_REASON, record.purpose(), null)));
        }
        event.addAgent(requestor(record));
        if (record.facilityId() != null) {
            event.addAgent()
                    .setWho(new Reference().setType("Organization")
                            .setIdentifier(new Identifier().setSystem(FACILITY_ID_SYSTEM).setValue(record.facilityId())))
                    .setRequestor(false);
        }
        event.getSource()
                .setObserver(new Reference().setDisplay("Renkei Hub"))
                .addType(new Coding(SOURCE_TYPE, "4", "Application Server"));
        if (record.patientRef() != null) {
            event.addEntity(patient(record.patientRef()));
        }
        if (record.resource() != null) {
            event.addEntity(resource(record));
        }
        return event;
    }

    /** The FHIR outcome code of a hub outcome: refusals are minor failures, anything else that failed serious. */
    public static AuditEventOutcome outcome(AuditOutcome outcome) {
        return switch (outcome) {
            case SUCCESS -> AuditEventOutcome._0;
            case UNAUTHENTICATED, DENIED -> AuditEventOutcome._4;
            case FAILED -> AuditEventOutcome._8;
        };
    }

    private static void typeAndSubtype(AuditEvent event, AuditAction action) {
        switch (action) {
            case AUTHENTICATE, LOGOUT -> {
                event.setType(new Coding(DICOM, "110114", "User Authentication"));
                event.addSubtype(action == AuditAction.AUTHENTICATE
                        ? new Coding(DICOM, "110122", "Login")
                        : new Coding(DICOM, "110123", "Logout"));
            }
            default -> {
                event.setType(new Coding(EVENT_TYPE, "rest", "Restful Operation"));
                String interaction = switch (action) {
                    case READ -> "read";
                    case SEARCH -> "search-type";
                    case CREATE -> "create";
                    case UPDATE -> "update";
                    case DELETE -> "delete";
                    case EXECUTE -> "operation";
                    default -> null; // ADMIN: the hub's own API, no FHIR interaction
                };
                if (interaction != null) {
                    event.addSubtype(new Coding(RESTFUL_INTERACTION, interaction, interaction));
                }
            }
        }
    }

    private static AuditEventAction action(AuditAction action) {
        return switch (action) {
            case CREATE -> AuditEventAction.C;
            case READ -> AuditEventAction.R;
            case UPDATE -> AuditEventAction.U;
            case DELETE -> AuditEventAction.D;
            // FHIR counts searches, operations, log-on and administration as "execute".
            case SEARCH, EXECUTE, AUTHENTICATE, LOGOUT, ADMIN -> AuditEventAction.E;
        };
    }

    private static AuditEventAgentComponent requestor(AuditRecord record) {
        AuditEventAgentComponent agent = new AuditEventAgentComponent().setRequestor(true);
        agent.setType("SYSTEM".equals(record.actorKind())
                ? new CodeableConcept(new Coding(DICOM, "110153", "Source Role ID"))
                : new CodeableConcept(new Coding(SECURITY_ROLE_TYPE, "humanuser", "human user")));
        if (record.actorId() != null) {
            agent.setWho(new Reference().setIdentifier(
                    new Identifier().setSystem(ACTOR_ID_SYSTEM).setValue(record.actorId())));
        }
        for (String role : record.roles()) {
            agent.addRole(new CodeableConcept(new Coding(ROLE_SYSTEM, role, null)));
        }
        if (record.sourceIp() != null) {
            agent.getNetwork().setAddress(record.sourceIp()).setType(AuditEventAgentNetworkType._2);
        }
        return agent;
    }

    private static AuditEventEntityComponent patient(String patientRef) {
        // Across facilities a patient is known by the hub's event number rather than a FHIR id.
        Reference what = patientRef.startsWith("Patient/")
                ? new Reference(patientRef)
                : new Reference().setType("Patient")
                        .setIdentifier(new Identifier().setSystem(EVENT_NUMBER_SYSTEM).setValue(patientRef));
        return new AuditEventEntityComponent()
                .setWhat(what)
                .setType(new Coding(ENTITY_TYPE, "1", "Person"))
                .setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
    }

    private static AuditEventEntityComponent resource(AuditRecord record) {
        AuditEventEntityComponent entity = new AuditEventEntityComponent()
                .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                .setDescription(record.resource());
        if (record.action() == AuditAction.SEARCH) {
            return entity.setRole(new Coding(OBJECT_ROLE, "24", "Query"))
                    .setQuery(record.resource().getBytes(StandardCharsets.UTF_8));
        }
        entity.setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));
        Matcher reference = FHIR_REFERENCE.matcher(record.resource());
        if (reference.find()) {
            entity.setWhat(new Reference(reference.group(1)));
        }
        return entity;
    }
}
