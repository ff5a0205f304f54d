package jp.renkei.hub.fhir.summary;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import jp.renkei.hub.fhir.views.PatientData;
import jp.renkei.hub.fhir.views.PatientViews;
import jp.renkei.hub.fhir.views.SourceFacilities;
import jp.renkei.hub.fhir.views.ViewBundles;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code Patient/$summary} (type level with {@code ?patient=<event number>}, or on {@code Patient/<id>}): an
 * IPS-style FHIR document of what every facility the consent gate opens knows about the patient. The Bundle
 * ({@code type=document}) starts with a Composition (LOINC 60591-5 Patient summary) whose sections
 * ({@link SummarySections}) reference the entries and carry Japanese narratives with each entry's source
 * facility; each entry also names its source in an extension; a last section and an OperationOutcome entry name
 * the facilities whose data was withheld (names only, no data, no counts). With {@code render=html} the answer is
 * the same document as one HTML page (a Binary served as {@code text/html}).
 */
@Component
public class PatientSummaryProvider {

    public static final String OPERATION = "$summary";
    static final String TITLE = "患者サマリー (地域医療連携)";

    private final PatientViews views;
    private final SummarySections sections;
    private final SummaryHtml html;
    private final ViewBundles bundles;
    private final SourceFacilities facilities;

    public PatientSummaryProvider(PatientViews views, SummarySections sections, SummaryHtml html, ViewBundles bundles,
                                  SourceFacilities facilities) {
        this.views = views;
        this.sections = sections;
        this.html = html;
        this.bundles = bundles;
        this.facilities = facilities;
    }

    @Operation(name = OPERATION, type = Patient.class, idempotent = true)
    public IBaseResource summary(@IdParam(optional = true) IdType patientId,
                                 @OperationParam(name = PatientViews.PATIENT_PARAMETER, max = 1) StringType eventNumber,
                                 @OperationParam(name = "render", max = 1) StringType render,
                                 RequestDetails request) {
        boolean page = render != null && render.hasValue();
        if (page && !"html".equals(render.getValue())) {
            throw new InvalidRequestException("render must be html (or absent for the FHIR document), got "
                    + render.getValue());
        }
        PatientData data = views.load(request, patientId, eventNumber == null ? null : eventNumber.getValue(),
                SummarySections.TYPES);
        List<SummarySection> parts = sections.of(data);
        Optional<Patient> subject = subject(data);
        List<String> withheld = data.withheldSources().stream().map(bundles::withheldText).toList();
        String subjectLine = subjectLine(data, subject);
        String header = html.header(TITLE, subjectLine, sourceNames(parts, subject));
        List<String> divs = new ArrayList<>();
        parts.forEach(section -> divs.add(html.section(section)));
        if (!withheld.isEmpty()) {
            divs.add(html.withheld(withheld));
        }
        if (page) {
            Binary binary = new Binary();
            binary.setContentType("text/html;charset=utf-8");
            binary.setData(html.page(TITLE, header, divs).getBytes(StandardCharsets.UTF_8));
            return binary;
        }
        return document(data, parts, subject, header, divs, withheld, request);
    }

    private Bundle document(PatientData data, List<SummarySection> parts, Optional<Patient> subject, String header,
                            List<String> divs, List<String> withheld, RequestDetails request) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.DOCUMENT).setTimestamp(new Date());
        bundle.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue(IdType.newRandomUuid().getValue()));
        Composition composition = new Composition();
        composition.setStatus(Composition.CompositionStatus.FINAL);
        composition.setType(new CodeableConcept(new Coding("http://loinc.org", "60591-5", "Patient summary Document")));
        composition.setTitle(TITLE);
        composition.setDate(new Date());
        composition.addAuthor(new Reference().setDisplay("Renkei Hub 連携ハブ (地域医療連携ネットワーク)"));
        Reference subjectReference = new Reference();
        subject.ifPresent(p -> subjectReference.setReference(p.getIdElement().toUnqualifiedVersionless().getValue()));
        data.record().eventNumber().ifPresent(n -> subjectReference.setIdentifier(
                new Identifier().setSystem(HubSystems.EVENT_NUMBER).setValue(n.formatted())));
        composition.setSubject(subjectReference);
        composition.setText(narrative(header));
        bundles.add(bundle, composition, request);
        subject.ifPresent(p -> bundles.add(bundle, p, request));
        for (int i = 0; i < parts.size(); i++) {
            SummarySection part = parts.get(i);
            Composition.SectionComponent section = composition.addSection().setTitle(part.title())
                    .setCode(new CodeableConcept(part.code())).setText(narrative(divs.get(i)));
            if (part.entries().isEmpty()) {
                // the same reason whether or not something was withheld: a section must not tell which kind of
                // data a withheld facility holds
                section.setEmptyReason(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/list-empty-reason", "nilknown", "Nil Known")));
            }
            for (Resource resource : part.entries()) {
                section.addEntry(new Reference(resource.getIdElement().toUnqualifiedVersionless().getValue())
                        .setDisplay(SummaryRow.of(resource).what()));
                bundles.add(bundle, resource, request);
            }
        }
        if (!withheld.isEmpty()) {
            composition.addSection().setTitle("表示していない情報源")
                    .setCode(new CodeableConcept(new Coding(ViewBundles.SOURCE_FACILITY_EXTENSION, "withheld",
                            "Sources withheld by the consent gate")))
                    .setText(narrative(divs.get(divs.size() - 1)));
            OperationOutcome notice = bundles.withheldNotice(data);
            bundles.add(bundle, notice, request);
        }
        return bundle;
    }

    /** The requester's own Patient of this person when visible, else the first visible one. */
    static Optional<Patient> subject(PatientData data) {
        List<Patient> patients = data.all(Patient.class);
        return patients.stream().filter(p -> SourceFacilityStamp.sourcesOf(p).contains(data.requesterFacilityId()))
                .findFirst().or(() -> patients.stream().findFirst());
    }

    static String subjectLine(PatientData data, Optional<Patient> subject) {
        String name = subject.map(p -> p.getName().stream().filter(n -> n.hasFamily() || n.hasGiven())
                .map(n -> (n.getFamily() == null ? "" : n.getFamily()) + " " + n.getGivenAsSingleString())
                .findFirst().orElse("").trim()).orElse("");
        String number = data.record().eventNumber().map(n -> "イベント管理番号 " + n.formatted()).orElse("");
        String birth = subject.filter(Patient::hasBirthDate).map(p -> "生年月日 " + new java.text.SimpleDateFormat(
                "yyyy-MM-dd").format(p.getBirthDate())).orElse("");
        return String.join("  ", List.of(name, birth, number).stream().filter(s -> !s.isEmpty()).toList());
    }

    private List<String> sourceNames(List<SummarySection> parts, Optional<Patient> subject) {
        Set<String> ids = new LinkedHashSet<>();
        subject.ifPresent(p -> ids.add(SourceFacilities.sourceOf(p)));
        parts.forEach(part -> part.entries().forEach(r -> ids.add(SourceFacilities.sourceOf(r))));
        ids.remove("");
        return ids.stream().map(facilities::name).sorted(Comparator.naturalOrder()).toList();
    }

    private static Narrative narrative(String div) {
        Narrative narrative = new Narrative();
        narrative.setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString(div);
        return narrative;
    }
}
