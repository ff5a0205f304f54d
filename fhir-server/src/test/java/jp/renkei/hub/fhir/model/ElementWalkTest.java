package jp.renkei.hub.fhir.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.ErrorHandlerAdapter;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.IModelVisitor2;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;

/**
 * The walk finds what HAPI's terser finds on every JP Core and JP-CLINS example, and also where the terser does not
 * look (extensions of primitive values).
 */
class ElementWalkTest {

    private static final Path JP_FHIR = Path.of("../../shared/testdata/jp-fhir");
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void theReferencesAndTheirPathsAreTheTersersOnEveryJapaneseExample() throws IOException {
        List<Resource> examples = examples();
        assertThat(examples).hasSizeGreaterThan(300);
        FhirTerser terser = FHIR.newTerser();
        int references = 0;
        // the terser's reference walk stops at a bundle's resources (the hub checks each entry's resource)
        for (Resource example : examples.stream().filter(r -> !(r instanceof Bundle)).toList()) {
            Map<IBaseReference, String> expected = new IdentityHashMap<>();
            for (ResourceReferenceInfo info : terser.getAllResourceReferences(example)) {
                expected.put(info.getResourceReference(), info.getName());
            }
            Map<IBaseReference, String> walked = new IdentityHashMap<>();
            ElementWalk.references(example).forEach(found -> walked.put(found.element(), found.path()));
            String name = example.fhirType() + "/" + example.getIdPart();
            assertThat(walked.keySet()).as(name).isEqualTo(expected.keySet());
            expected.forEach((reference, path) -> assertThat(walked.get(reference)).as(name).isEqualTo(path));
            references += walked.size();
        }
        assertThat(references).isGreaterThan(500);
    }

    @Test
    void theIdentifiersAreTheTersersOnEveryJapaneseExample() throws IOException {
        FhirTerser terser = FHIR.newTerser();
        int identifiers = 0;
        for (Resource example : examples()) {
            Set<Identifier> expected = Collections.newSetFromMap(new IdentityHashMap<>());
            // as LocalIdentifierMask found them before: the terser's visit, which enters a bundle's resources
            terser.visit(example, (IModelVisitor2) (element, containing, children, definitions) -> {
                if (element instanceof Identifier identifier && !identifier.isEmpty()) {
                    expected.add(identifier);
                }
                return true;
            });
            Set<Identifier> walked = Collections.newSetFromMap(new IdentityHashMap<>());
            ElementWalk.find(example, Identifier.class).forEach(found -> walked.add(found.element()));
            assertThat(walked).as(example.fhirType() + "/" + example.getIdPart()).isEqualTo(expected);
            identifiers += walked.size();
        }
        assertThat(identifiers).isGreaterThan(200);
    }

    @Test
    void everyPlaceAReferenceCanSitIsFoundWithItsPath() {
        Observation observation = new Observation();
        observation.setSubject(new Reference("Patient/1").setIdentifier(
                new Identifier().setValue("x").setAssigner(new Reference("Organization/2"))));
        observation.addExtension("http://example.jp/a", new Reference("Patient/3"));
        observation.addComponent().addExtension("http://example.jp/b", new Reference("Patient/4"));
        observation.getIssuedElement().setValue(new java.util.Date())
                .addExtension("http://example.jp/c", new Reference("Patient/5"));
        Patient contained = new Patient();
        contained.setId("p");
        contained.setManagingOrganization(new Reference("Organization/6"));
        observation.addContained(contained);
        observation.addPerformer(new Reference()); // empty: nothing to check

        assertThat(ElementWalk.references(observation))
                .extracting(found -> found.path() + " " + found.element().getReference())
                .containsExactlyInAnyOrder("subject Patient/1", "subject.identifier.assigner Organization/2",
                        "extension.value Patient/3", "component.extension.value Patient/4",
                        "issued.extension.value Patient/5", "contained.managingOrganization Organization/6");
        // the terser's walk does not enter a primitive's extensions: this is why the hub walks itself
        assertThat(FHIR.newTerser().getAllResourceReferences(observation))
                .extracting(info -> info.getResourceReference().getReferenceElement().getValue())
                .doesNotContain("Patient/5").contains("Patient/4");
    }

    @Test
    void resourcesInsideABundleAreWalkedToo() {
        Bundle bundle = new Bundle();
        Observation observation = new Observation();
        observation.setSubject(new Reference("Patient/7"));
        bundle.addEntry().setResource(observation);
        bundle.addEntry().setResource(new Patient().addIdentifier(new Identifier().setSystem("urn:x").setValue("1")));

        assertThat(ElementWalk.references(bundle)).extracting(ElementWalk.Found::path)
                .containsExactly("entry.resource.subject");
        assertThat(ElementWalk.find(bundle, Identifier.class)).extracting(found -> found.element().getValue())
                .containsExactly("1");
    }

    /** Every resource of the JP Core and JP-CLINS packages and the JP-CLINS examples, entries of bundles included. */
    private static List<Resource> examples() throws IOException {
        List<Resource> resources = new ArrayList<>();
        for (String name : List.of("jp-core.r4-1.1.2.tgz", "jp-clins.r4-1.5.2-snap.tgz")) {
            NpmPackage npm;
            try (InputStream in = Files.newInputStream(JP_FHIR.resolve(name))) {
                npm = NpmPackage.fromPackage(in);
            }
            for (String file : npm.getFolders().get("package").getContent().keySet()) {
                if (file.endsWith(".json") && !file.equals("package.json") && !file.startsWith(".")) {
                    try (InputStream in = npm.load("package", file)) {
                        add(resources, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        }
        try (Stream<Path> files = Files.list(JP_FHIR.resolve("examples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                add(resources, Files.readString(file));
            }
        }
        return resources;
    }

    private static void add(List<Resource> resources, String json) {
        if (!json.contains("\"resourceType\"")) {
            return;
        }
        // the packages' own conformance resources carry empty attributes HAPI warns about; not the point here
        Resource resource = (Resource) FHIR.newJsonParser().setParserErrorHandler(new ErrorHandlerAdapter())
                .parseResource(json);
        resources.add(resource);
        if (resource instanceof Bundle bundle) {
            bundle.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
                    .forEach(entry -> resources.add(entry.getResource()));
        }
    }
}
