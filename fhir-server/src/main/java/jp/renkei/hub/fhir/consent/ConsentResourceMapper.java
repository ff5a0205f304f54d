package jp.renkei.hub.fhir.consent;

import java.time.Instant;
import java.util.Date;

import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.ConsentRecord;
import jp.renkei.hub.consent.ConsentStatus;
import jp.renkei.hub.consent.ConsentVersion;
import jp.renkei.hub.consent.FacilityScope;
import jp.renkei.hub.fhir.HubSystems;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * A consent record of the registry as FHIR R4 {@code Consent}, declaring JP-CLINS {@code JP_Consent_eCS}: an
 * opt-in (OPTIN) privacy consent whose provision permits the grantee facilities (IRCP, information recipients)
 * to see the data of the source facilities (CST, custodians) in one category for the validity period. The
 * patient is referenced by event number only; facilities by their hub ID. The scanned form is referenced
 * (type, size, download path), not embedded.
 */
public final class ConsentResourceMapper {

    public static final String PROFILE = "http://jpfhir.jp/fhir/eCS/StructureDefinition/JP_Consent_eCS";
    public static final String CATEGORY_SYSTEM = "https://renkei-hub.jp/fhir/CodeSystem/consent-category";
    private static final String LOINC = "http://loinc.org";
    private static final String SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";
    private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    private static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    private ConsentResourceMapper() {
    }

    /** The consent as it reads now, or as {@code version} read when it was current. */
    public static Consent toFhir(ConsentRecord record, ConsentVersion version, Instant now) {
        Consent consent = new Consent();
        consent.setId(new org.hl7.fhir.r4.model.IdType("Consent", record.id().toString(),
                Integer.toString(version.version())));
        consent.getMeta().addProfile(PROFILE).setLastUpdated(Date.from(version.changedAt()));
        consent.setStatus(state(record.statusOf(version, now)));
        consent.getScope().addCoding(new Coding(SCOPE, "patient-privacy", "Privacy Consent"));
        consent.addCategory(new CodeableConcept(new Coding(LOINC, "59284-0", "Patient Consent")));
        consent.addCategory(category(record.category()));
        Reference patient = new Reference().setIdentifier(new Identifier()
                .setSystem(HubSystems.EVENT_NUMBER).setValue(record.eventNumber().formatted()));
        consent.setPatient(patient);
        consent.addPerformer(patient.copy());
        consent.setDateTime(Date.from(record.versions().get(0).changedAt()));
        consent.addOrganization(facility(version.obtainingFacilityId()));
        consent.addPolicy().setUri("urn:renkei-hub:policy:regional-sharing");
        consent.setPolicyRule(new CodeableConcept(new Coding(ACT_CODE, "OPTIN", "opt-in")));
        if (version.form() != null) {
            consent.getSourceAttachment().setContentType(version.form().contentType())
                    .setSize(version.form().sizeBytes())
                    .setTitle("scanned consent form (" + version.terms().obtainedVia() + ")")
                    .setUrl("/api/consents/" + record.id() + "/versions/" + version.version() + "/form");
        }
        Consent.ProvisionComponent provision = consent.getProvision().setType(ConsentProvisionType.PERMIT);
        provision.setPeriod(new Period().setStart(Date.from(version.terms().period().start()))
                .setEnd(version.terms().period().end() == null ? null : Date.from(version.terms().period().end())));
        actors(provision, version.terms().grantees(), "IRCP", "information recipient");
        actors(provision, version.terms().sources(), "CST", "custodian");
        provision.addClass_(new Coding(CATEGORY_SYSTEM, record.category().name(), null));
        return consent;
    }

    static ConsentState state(ConsentStatus status) {
        return switch (status) {
            case ACTIVE -> ConsentState.ACTIVE;
            case WITHDRAWN, EXPIRED, SUPERSEDED -> ConsentState.INACTIVE;
        };
    }

    private static CodeableConcept category(ConsentCategory category) {
        String display = switch (category) {
            case CLINICAL -> "診療情報共有";
            case DISPENSING -> "調剤情報閲覧";
            case IMAGING -> "画像共有";
            case CARE_TEAM -> "在宅医療・介護連携";
        };
        return new CodeableConcept(new Coding(CATEGORY_SYSTEM, category.name(), display));
    }

    private static void actors(Consent.ProvisionComponent provision, FacilityScope scope, String role, String display) {
        CodeableConcept code = new CodeableConcept(new Coding(PARTICIPATION, role, display));
        if (scope.all()) {
            provision.addActor().setRole(code).setReference(new Reference().setDisplay("all participating facilities"));
        } else {
            scope.facilityIds().stream().sorted()
                    .forEach(id -> provision.addActor().setRole(code.copy()).setReference(facility(id)));
        }
    }

    private static Reference facility(String facilityId) {
        return new Reference().setType("Organization")
                .setIdentifier(new Identifier().setSystem(HubSystems.FACILITY).setValue(facilityId));
    }
}
