package jp.renkei.hub.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.springframework.stereotype.Component;

/**
 * Codes from code systems the hub has no CodeSystem resource for are reported by {@code $validate} as warnings
 * ("CodeSystem is unknown and can't be validated"), not as errors. These are the external terminologies real data
 * uses and no FHIR package carries: LOINC, ICD-10, JLAC10, the MEDIS disease and drug masters (HOT, YJ, receipt
 * codes), JAMI usage codes, MERIT-9 units, DICOM's DCM, and the hub's own local code systems. HAPI's chain would
 * otherwise turn an unknown system under a pattern or required binding (e.g. JP Core's LOINC category of a lab
 * DiagnosticReport) into an error although nothing is wrong with the code. Code systems the hub does have (FHIR
 * core, HL7 terminology built into HAPI, the installed IG packages' CodeSystems) are validated as before.
 */
@Component
class ExternalCodeSystems {

    ExternalCodeSystems(IValidationSupport validationSupport, FhirContext fhirContext) {
        if (!(validationSupport instanceof ValidationSupportChain chain)) {
            throw new IllegalStateException("expected HAPI's validation support chain, found "
                    + validationSupport.getClass().getName());
        }
        UnknownCodeSystemWarningValidationSupport unknown = new UnknownCodeSystemWarningValidationSupport(fhirContext);
        unknown.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        // Last: it answers only for systems nothing before it knows (it asks the whole chain).
        chain.addValidationSupport(unknown);
    }
}
