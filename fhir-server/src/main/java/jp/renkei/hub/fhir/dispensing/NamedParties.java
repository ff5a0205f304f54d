package jp.renkei.hub.fhir.dispensing;

import java.text.Normalizer;
import java.util.Optional;

import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.fhir.views.SourceFacilities;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads who a record names as pharmacy and prescriber. The record's content decides, not who uploaded it: an
 * e-medication notebook uploaded by one pharmacy lists dispensings of several. A named organization is the
 * registry facility when it carries the hub's facility identifier or a medical-institution code the registry
 * knows, else itself by code, else by name. Only when a record names no pharmacy (or no prescriber) is its
 * source facility taken. The source tag itself is never changed: it stays provenance, set by the hub.
 */
final class NamedParties {

    /**
     * Extension naming who prescribed a dispense when no prescription can be referenced (JAHIS TC files): a
     * contained PractitionerRole or Organization. Same URL as the gateway's JAHIS mapper writes.
     */
    static final String PRESCRIBER_EXTENSION = "https://renkei-hub.jp/fhir/StructureDefinition/jahis-prescriber";

    private final FacilityDirectory directory;

    NamedParties(FacilityDirectory directory) {
        this.directory = directory;
    }

    /** The first performer that is an organization, else the record's source facility. */
    Party pharmacyOf(MedicationDispense dispense) {
        for (MedicationDispense.MedicationDispensePerformerComponent performer : dispense.getPerformer()) {
            Optional<Party> named = organization(dispense, performer.getActor());
            if (named.isPresent()) {
                return named.get();
            }
        }
        return source(dispense);
    }

    /** The filled prescription's prescriber, else the prescriber extension, else the prescription's display. */
    Party prescriberOf(MedicationDispense dispense, Optional<MedicationRequest> prescription) {
        if (prescription.isPresent()) {
            return prescriberOf(prescription.get());
        }
        if (dispense.getExtensionByUrl(PRESCRIBER_EXTENSION) != null
                && dispense.getExtensionByUrl(PRESCRIBER_EXTENSION).getValue() instanceof Reference named) {
            Optional<Party> party = person(dispense, named, Party.NONE);
            if (party.isPresent()) {
                return party.get();
            }
        }
        return dispense.getAuthorizingPrescription().stream().filter(Reference::hasDisplay)
                .map(r -> new Party("display:" + normalized(r.getDisplay()), r.getDisplay())).findFirst()
                .orElse(Party.NONE);
    }

    /**
     * The requester: a contained Practitioner, PractitionerRole or Organization as named; a stored one by its
     * reference; else its display or identifier; else the prescription's source facility.
     */
    Party prescriberOf(MedicationRequest request) {
        Reference requester = request.getRequester();
        Optional<Party> named = person(request, requester, source(request));
        if (named.isPresent()) {
            return named.get();
        }
        if (requester.hasReference()) {
            String display = requester.hasDisplay() ? requester.getDisplay() : requester.getReference();
            return new Party(requester.getReference(), display);
        }
        if (requester.hasDisplay()) {
            return new Party("display:" + normalized(requester.getDisplay()), requester.getDisplay());
        }
        if (requester.hasIdentifier()) {
            Identifier id = requester.getIdentifier();
            return new Party(id.getSystem() + "|" + id.getValue(), id.getValue());
        }
        return source(request);
    }

    /** The registry facility a record came from (its source tag). */
    Party source(Resource record) {
        String facility = SourceFacilities.sourceOf(record);
        return facility.isEmpty() ? Party.NONE : facility(facility);
    }

    Party facility(String facilityId) {
        return new Party("facility:" + facilityId, directory.name(facilityId));
    }

    /** A contained doctor (with their institution), role or organization the reference points at. */
    private Optional<Party> person(DomainResource owner, Reference reference, Party defaultInstitution) {
        Optional<Resource> target = contained(owner, reference);
        if (target.isPresent() && target.get() instanceof PractitionerRole role) {
            Party institution = organization(owner, role.getOrganization()).orElse(defaultInstitution);
            return contained(owner, role.getPractitioner()).filter(Practitioner.class::isInstance)
                    .map(p -> doctor((Practitioner) p, institution)).or(() -> Optional.of(institution))
                    .filter(p -> !p.isEmpty());
        }
        if (target.isPresent() && target.get() instanceof Practitioner practitioner) {
            return Optional.of(doctor(practitioner, defaultInstitution));
        }
        return organization(owner, reference);
    }

    /** A named organization: contained, or a logical reference by hub facility ID or medical-institution code. */
    Optional<Party> organization(DomainResource owner, Reference reference) {
        Optional<Resource> target = contained(owner, reference);
        if (target.isPresent()) {
            return target.get() instanceof Organization organization ? Optional.of(organization(organization))
                    : Optional.empty();
        }
        if (reference.hasIdentifier()) {
            return byIdentifier(reference.getIdentifier(), reference.getDisplay());
        }
        return Optional.empty();
    }

    private Party organization(Organization organization) {
        for (Identifier identifier : organization.getIdentifier()) {
            Optional<Party> party = byIdentifier(identifier, organization.getName());
            if (party.isPresent()) {
                return party.get();
            }
        }
        String name = organization.hasName() ? organization.getName() : "(名称なし)";
        return new Party("name:" + normalized(name), name);
    }

    private Optional<Party> byIdentifier(Identifier identifier, String name) {
        if (!identifier.hasValue()) {
            return Optional.empty();
        }
        if (HubSystems.FACILITY.equals(identifier.getSystem())) {
            return Optional.of(facility(identifier.getValue()));
        }
        if (JpCoreSystems.MEDICAL_INSTITUTION_NO.equals(identifier.getSystem())) {
            String code = identifier.getValue();
            return Optional.of(directory.withCode(code).map(this::facility).orElseGet(() ->
                    new Party("code:" + code, (name == null || name.isBlank() ? "" : name + " ") + "(医療機関コード " + code + ")")));
        }
        return Optional.empty();
    }

    /** A doctor is told apart by an identifier when the record gives one, else by name, within their institution. */
    private static Party doctor(Practitioner practitioner, Party institution) {
        String name = practitioner.getName().stream().map(n -> n.hasText() ? n.getText() : n.getNameAsSingleString())
                .filter(n -> n != null && !n.isBlank()).findFirst().orElse("(氏名なし)");
        String id = practitioner.getIdentifier().stream().filter(Identifier::hasValue)
                .map(i -> i.getSystem() + "|" + i.getValue()).findFirst().orElse(normalized(name));
        return new Party("practitioner:" + id + "@" + institution.key(),
                institution.isEmpty() ? name + " 医師" : name + " 医師 (" + institution.name() + ")");
    }

    private static Optional<Resource> contained(DomainResource owner, Reference reference) {
        if (reference == null || !reference.hasReference() || !reference.getReference().startsWith("#")) {
            return Optional.empty();
        }
        String id = reference.getReference().substring(1);
        // parsed contained resources keep the '#' in their ID, built ones do not
        return owner.getContained().stream().filter(r -> r.getIdElement().getIdPart() != null
                && id.equals(r.getIdElement().getIdPart().replaceFirst("^#", ""))).findFirst();
    }

    /** Names compare without spaces of either width and with full-width letters folded (NFKC). */
    static String normalized(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", "");
    }
}
