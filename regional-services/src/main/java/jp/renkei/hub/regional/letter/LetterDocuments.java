package jp.renkei.hub.regional.letter;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * Writes a letter as a FHIR document Bundle shaped after JP-CLINS 診療情報提供書 (JP_Bundle_eReferral,
 * JP_Composition_eReferral): the Composition with the referral-from and referral-to sections, the structured
 * sections under 構造情報 (300), the attached lab results and imaging studies in 検査結果 (620), and the
 * resources it references as entries. The patient appears by event number only, never by a facility's local ID.
 */
public final class LetterDocuments {

    static final String BUNDLE_PROFILE = "http://jpfhir.jp/fhir/clins/StructureDefinition/JP_Bundle_eReferral";
    static final String COMPOSITION_PROFILE = "http://jpfhir.jp/fhir/eReferral/StructureDefinition/JP_Composition_eReferral";
    static final String EVENT_NUMBER_SYSTEM = "urn:renkei-hub:event-number";

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private LetterDocuments() {
    }

    /** The parties as the document names them. */
    public record Parties(String senderFacilityId, String senderFacilityName, String authorName,
                          String recipientFacilityId, String recipientFacilityName, String eventNumber) {
    }

    static Bundle bundle(UUID letterId, String title, Map<LetterSection, String> sections,
                         List<Resource> attached, Parties parties, Instant createdAt) {
        Organization from = organization("sender", parties.senderFacilityId(), parties.senderFacilityName());
        Organization to = organization("recipient", parties.recipientFacilityId(), parties.recipientFacilityName());
        Practitioner author = new Practitioner();
        author.setId(urn("author"));
        author.addName().setText(parties.authorName());
        Patient patient = new Patient();
        patient.setId(urn("patient"));
        patient.addIdentifier(new Identifier().setSystem(EVENT_NUMBER_SYSTEM).setValue(parties.eventNumber()));

        Composition composition = new Composition();
        composition.setId(urn("composition"));
        composition.getMeta().addProfile(COMPOSITION_PROFILE);
        composition.setStatus(Composition.CompositionStatus.FINAL);
        composition.setType(new CodeableConcept(new Coding("http://jpfhir.jp/fhir/Common/CodeSystem/doc-typecodes",
                "57133-1", "診療情報提供書")));
        composition.setTitle(title);
        composition.setDate(Date.from(createdAt));
        composition.setSubject(new Reference(patient.getId()));
        composition.addAuthor(new Reference(author.getId()));
        composition.addAuthor(new Reference(from.getId()));
        composition.setCustodian(new Reference(from.getId()));
        composition.addSection(section("920", "紹介元情報").addEntry(new Reference(from.getId()))
                .addEntry(new Reference(author.getId())));
        composition.addSection(section("910", "紹介先情報").addEntry(new Reference(to.getId())));
        Composition.SectionComponent structured = section("300", "構造情報");
        for (LetterSection kind : LetterSection.values()) {
            String text = sections.get(kind);
            if (text != null && !text.isBlank()) {
                structured.addSection(section(kind.code(), kind.title()).setText(narrative(text)));
            }
        }
        if (!attached.isEmpty()) {
            Composition.SectionComponent exams = section("620", "検査結果");
            attached.forEach(resource -> exams.addEntry(new Reference(resource.fhirType() + "/"
                    + resource.getIdElement().getIdPart())));
            structured.addSection(exams);
        }
        composition.addSection(structured);

        Bundle bundle = new Bundle();
        bundle.setId(letterId.toString());
        bundle.getMeta().addProfile(BUNDLE_PROFILE);
        bundle.setType(Bundle.BundleType.DOCUMENT);
        bundle.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + letterId));
        bundle.setTimestamp(Date.from(createdAt));
        for (Resource resource : List.of(composition, patient, from, to, author)) {
            bundle.addEntry().setFullUrl(resource.getId()).setResource(resource);
        }
        for (Resource resource : attached) {
            bundle.addEntry().setFullUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                    .setResource(resource);
        }
        return bundle;
    }

    static String json(Bundle bundle) {
        return FHIR.newJsonParser().encodeResourceToString(bundle);
    }

    /** The document as XML, the form an enveloped XAdES signature is made over. */
    static String xml(String json) {
        return FHIR.newXmlParser().encodeResourceToString(FHIR.newJsonParser().parseResource(Bundle.class, json));
    }

    private static Organization organization(String role, String facilityId, String name) {
        Organization organization = new Organization();
        organization.setId(urn(role));
        organization.addIdentifier(new Identifier().setSystem("urn:renkei-hub:facility").setValue(facilityId));
        organization.setName(name);
        return organization;
    }

    private static Composition.SectionComponent section(String code, String title) {
        Composition.SectionComponent section = new Composition.SectionComponent();
        section.setTitle(title);
        section.setCode(new CodeableConcept(new Coding(LetterSection.SYSTEM, code, title + "セクション")));
        return section;
    }

    private static Narrative narrative(String text) {
        Narrative narrative = new Narrative();
        narrative.setStatus(Narrative.NarrativeStatus.GENERATED);
        XhtmlNode div = new XhtmlNode(org.hl7.fhir.utilities.xhtml.NodeType.Element, "div");
        div.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
        div.addText(text);
        narrative.setDiv(div);
        return narrative;
    }

    /** Entries of a document are addressed by fresh UUID URNs (the parties are not resources of the store). */
    private static String urn(String role) {
        return "urn:uuid:" + UUID.randomUUID();
    }
}
