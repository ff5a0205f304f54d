package jp.renkei.hub.dicom.secondread;

import java.util.Date;
import java.util.Optional;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Signature;
import org.springframework.stereotype.Component;

/**
 * Writes a second-read report into the FHIR store as the requesting facility's data: a DiagnosticReport (status
 * final, the conclusion, linked to the original study's ImagingStudy and its Patient, interpreted by the
 * radiologist's hub account) with an Observation holding the findings text, and a Provenance carrying the
 * signer and the hub's signature (see {@link ReportSignature}). All three are source-tagged with the requesting
 * facility and tagged with the reading facility. Writes are the hub's own (no principal).
 */
@Component
class SecondReadReports {

    static final String LOINC = "http://loinc.org";
    /** LOINC 18748-4 Diagnostic imaging study. */
    static final Coding REPORT_CODE = new Coding(LOINC, "18748-4", "Diagnostic imaging study");
    /** LOINC 59776-5 Procedure findings Narrative. */
    static final Coding FINDINGS_CODE = new Coding(LOINC, "59776-5", "Procedure findings Narrative");
    static final Coding RADIOLOGY = new Coding("http://terminology.hl7.org/CodeSystem/v2-0074", "RAD", "Radiology");
    /** ASTM E1762 signature type: Author's Signature. */
    static final Coding AUTHOR_SIGNATURE = new Coding("urn:iso-astm:E1762-95:2013", "1.2.840.10065.1.12.1.1",
            "Author's Signature");
    static final String HMAC_FORMAT = "application/hmac-sha256";

    /** The report as written. */
    record Written(String diagnosticReportId, String observationId, String provenanceId) {
    }

    private final DaoRegistry daos;

    SecondReadReports(DaoRegistry daos) {
        this.daos = daos;
    }

    Optional<ImagingStudy> imagingStudy(String id) {
        return read(ImagingStudy.class, id);
    }

    Written write(SecondRead read, ImagingStudy study, HubPrincipal radiologist, ReportSignature.Content content,
                  String signature) {
        Reference interpreter = person(radiologist.id(), radiologist.display());
        Reference readingFacility = facility(read.readingFacilityId());
        Reference imagingStudy = new Reference("ImagingStudy/" + study.getIdElement().getIdPart());

        Observation findings = new Observation();
        tag(findings, read);
        findings.setStatus(Observation.ObservationStatus.FINAL);
        findings.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "imaging", "Imaging")));
        findings.setCode(new CodeableConcept(FINDINGS_CODE));
        findings.setSubject(study.getSubject().copy());
        findings.setValue(new org.hl7.fhir.r4.model.StringType(content.findings()));
        findings.addDerivedFrom(imagingStudy.copy());
        findings.addPerformer(interpreter.copy());
        findings.setIssued(Date.from(content.signedAt()));
        String observationId = create(findings);

        DiagnosticReport report = new DiagnosticReport();
        tag(report, read);
        report.addIdentifier(new Identifier().setSystem(HubSystems.SECOND_READ).setValue(read.id().toString()));
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.addCategory(new CodeableConcept(RADIOLOGY));
        report.setCode(new CodeableConcept(REPORT_CODE));
        report.setSubject(study.getSubject().copy());
        if (study.hasStarted()) {
            report.setEffective(study.getStartedElement().copy());
        }
        report.setIssued(Date.from(content.signedAt()));
        report.addPerformer(readingFacility.copy());
        report.addResultsInterpreter(interpreter.copy());
        report.addImagingStudy(imagingStudy.copy());
        report.addResult(new Reference("Observation/" + observationId));
        report.setConclusion(content.conclusion());
        String reportId = create(report);

        Provenance provenance = new Provenance();
        tag(provenance, read);
        provenance.addTarget(new Reference("DiagnosticReport/" + reportId));
        provenance.addTarget(new Reference("Observation/" + observationId));
        provenance.setRecorded(Date.from(content.signedAt()));
        provenance.addAgent().setType(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author")))
                .setWho(interpreter.copy()).setOnBehalfOf(readingFacility.copy());
        Signature seal = provenance.addSignature();
        seal.addType(AUTHOR_SIGNATURE);
        seal.setWhen(Date.from(content.signedAt()));
        seal.setWho(interpreter.copy());
        seal.setSigFormat(HMAC_FORMAT);
        seal.setTargetFormat("application/octet-stream");
        seal.setDataElement(new org.hl7.fhir.r4.model.Base64BinaryType(
                java.util.Base64.getDecoder().decode(signature)));
        String provenanceId = create(provenance);
        return new Written(reportId, observationId, provenanceId);
    }

    Optional<DiagnosticReport> report(String id) {
        return read(DiagnosticReport.class, id);
    }

    Optional<Observation> findings(DiagnosticReport report) {
        return report.getResult().stream().findFirst()
                .flatMap(r -> read(Observation.class, r.getReferenceElement().getIdPart()));
    }

    static String findingsText(Observation findings) {
        return findings.hasValueStringType() ? findings.getValueStringType().getValue() : "";
    }

    private static Reference person(String personId, String display) {
        Reference reference = new Reference().setIdentifier(new Identifier().setSystem(HubSystems.PERSON)
                .setValue(personId));
        return display == null ? reference : reference.setDisplay(display);
    }

    private static Reference facility(String facilityId) {
        return new Reference().setType("Organization").setIdentifier(new Identifier()
                .setSystem(HubSystems.FACILITY).setValue(facilityId));
    }

    private static void tag(Resource resource, SecondRead read) {
        SourceFacilityStamp.tag(resource, read.requestingFacilityId());
        resource.getMeta().addTag(new Coding(HubSystems.READING_FACILITY, read.readingFacilityId(), null));
    }

    @SuppressWarnings("unchecked")
    private <T extends Resource> String create(T resource) {
        return daos.getResourceDao((Class<T>) resource.getClass()).create(resource, new SystemRequestDetails())
                .getId().getIdPart();
    }

    private <T extends Resource> Optional<T> read(Class<T> type, String id) {
        try {
            return Optional.of(daos.getResourceDao(type).read(new org.hl7.fhir.r4.model.IdType(type.getSimpleName(), id),
                    new SystemRequestDetails()));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }
}
