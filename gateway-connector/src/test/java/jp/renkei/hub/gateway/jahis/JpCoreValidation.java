package jp.renkei.hub.gateway.jahis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.npm.NpmPackage;

/** HAPI's instance validator with the JP Core 1.1.2 package from ../shared/testdata/jp-fhir loaded. */
final class JpCoreValidation {

    static final Path PACKAGE = Path.of("../../shared/testdata/jp-fhir/jp-core.r4-1.1.2.tgz");
    private static final FhirContext R4 = FhirContext.forR4Cached();
    private static FhirValidator validator;

    private JpCoreValidation() {
    }

    /** The messages of severity error or worse. */
    static synchronized List<SingleValidationMessage> errors(IBaseResource resource) {
        if (validator == null) {
            validator = newValidator();
        }
        return validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
    }

    private static FhirValidator newValidator() {
        PrePopulatedValidationSupport jpCore = new PrePopulatedValidationSupport(R4);
        try (InputStream in = Files.newInputStream(PACKAGE)) {
            NpmPackage npm = NpmPackage.fromPackage(in);
            for (String file : npm.list("package")) {
                if (!file.endsWith(".json") || file.equals("package.json") || file.startsWith(".")) {
                    continue;
                }
                try (InputStream resource = npm.load("package", file)) {
                    IBaseResource parsed = R4.newJsonParser().parseResource(resource);
                    String type = R4.getResourceType(parsed);
                    if (List.of("StructureDefinition", "CodeSystem", "ValueSet").contains(type)) {
                        jpCore.addResource(parsed);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FhirValidator fhirValidator = R4.newValidator();
        fhirValidator.registerValidatorModule(new FhirInstanceValidator(new ValidationSupportChain(
                new DefaultProfileValidationSupport(R4), jpCore, new SnapshotGeneratingValidationSupport(R4),
                new InMemoryTerminologyServerValidationSupport(R4), new CommonCodeSystemsTerminologyService(R4))));
        return fhirValidator;
    }
}
