package jp.renkei.hub.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import ca.uhn.fhir.context.FhirContext;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The FHIR surface as the running hub shows it: every resource type, interaction and operation of the
 * CapabilityStatement must be listed in docs/security.md (its generated table), and every type HAPI knows that
 * is not listed there is refused to a facility system, for reads, searches and creates alike.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirSurfaceIT {

    private static final Path SECURITY_MD = Path.of("../docs/security.md");

    @LocalServerPort
    int port;

    FhirHttp clinicGateway;
    Map<String, Documented> documented;

    /** One row of the documented table: interactions and operations (with {@code Type/$op} or {@code Type/[id]/$op}). */
    record Documented(Set<String> interactions, Set<String> operations) {
    }

    @BeforeAll
    void documentedTable() throws IOException {
        clinicGateway = FhirHttp.forDevice(port, HubIntegrationTest.HOME,
                HubIntegrationTest.HOME.resolve("demo/clinic-gateway.key"),
                HubIntegrationTest.HOME.resolve("demo/clinic-gateway.crt"));
        String doc = Files.readString(SECURITY_MD, StandardCharsets.UTF_8);
        String table = doc.substring(doc.indexOf("<!-- BEGIN fhir-surface"), doc.indexOf("<!-- END fhir-surface -->"));
        documented = new HashMap<>();
        for (String line : table.split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length < 4 || cells[1].isBlank() || cells[1].contains("---") || cells[1].contains("Resource type")) {
                continue;
            }
            Set<String> interactions = Arrays.stream(cells[2].split(",")).map(String::trim).collect(Collectors.toSet());
            Set<String> operations = Arrays.stream(cells[3].split(","))
                    .map(cell -> cell.replace("`", "").trim())
                    .map(cell -> cell.contains("$") ? cell.substring(cell.indexOf('$') + 1) : cell)
                    .collect(Collectors.toSet());
            documented.put(cells[1].trim(), new Documented(interactions, operations));
        }
        assertThat(documented).containsKeys("Patient", "Observation", "Organization", "(system)");
    }

    @Test
    void everyInteractionTheCapabilityStatementOffersIsDocumented() {
        FhirHttp.Response metadata = clinicGateway.get("/fhir/metadata");
        assertThat(metadata.status()).isEqualTo(200);
        CapabilityStatement statement = metadata.resource(CapabilityStatement.class);
        List<String> unlisted = new ArrayList<>();
        for (CapabilityStatementRestResourceComponent resource : statement.getRestFirstRep().getResource()) {
            Documented row = documented.get(resource.getType());
            if (row == null) {
                unlisted.add(resource.getType() + " (the whole type)");
                continue;
            }
            resource.getInteraction().stream().map(i -> i.getCode().toCode())
                    .filter(code -> !row.interactions().contains(code))
                    .forEach(code -> unlisted.add(resource.getType() + " " + code));
            resource.getOperation().stream().map(CapabilityStatement.CapabilityStatementRestResourceOperationComponent::getName)
                    .filter(name -> !row.operations().contains(name))
                    .forEach(name -> unlisted.add(resource.getType() + " $" + name));
            if (resource.getConditionalCreate() || resource.getConditionalUpdate()) {
                unlisted.add(resource.getType() + " conditional create/update");
            }
        }
        statement.getRestFirstRep().getInteraction().stream().map(i -> i.getCode().toCode())
                .filter(code -> !documented.get("(system)").interactions().contains(code))
                .forEach(code -> unlisted.add("system " + code));
        statement.getRestFirstRep().getOperation()
                .forEach(operation -> unlisted.add("system $" + operation.getName()));
        assertThat(unlisted).as("offered by the CapabilityStatement but not listed in docs/security.md").isEmpty();
        assertThat(statement.getRestFirstRep().getResource()).extracting(CapabilityStatementRestResourceComponent::getType)
                .containsAll(documented.keySet().stream().filter(type -> !type.startsWith("(")).toList());
    }

    @Test
    void everyTypeThatIsNotListedIsRefused() {
        List<String> answered = new ArrayList<>();
        for (String type : FhirContext.forR4Cached().getResourceTypes()) {
            if (documented.containsKey(type)) {
                continue;
            }
            for (FhirHttp.Response response : List.of(clinicGateway.get("/fhir/" + type + "/1"),
                    clinicGateway.get("/fhir/" + type + "?_count=1"),
                    clinicGateway.post("/fhir/" + type, "{\"resourceType\":\"" + type + "\"}"))) {
                if (response.status() != 405 && response.status() != 404) {
                    answered.add(type + " " + response.status() + " " + response.body().substring(0,
                            Math.min(120, response.body().length())));
                }
            }
        }
        assertThat(answered).as("types not in docs/security.md must be refused").isEmpty();
    }

    @Test
    void systemOperationsAndHistoriesAreRefused() {
        for (String path : List.of("/fhir/$get-resource-counts", "/fhir/_history", "/fhir/Observation/_history",
                "/fhir/$meta", "/fhir/Patient/$meta")) {
            FhirHttp.Response response = clinicGateway.get(path);
            assertThat(response.status()).as(path + " " + response.body()).isEqualTo(405);
        }
        for (String path : List.of("/fhir/$mark-all-resources-for-reindexing", "/fhir/$perform-reindexing-pass",
                "/fhir/$expunge", "/fhir/Patient/$hapi.fhir.merge")) {
            FhirHttp.Response response = clinicGateway.post(path, "{\"resourceType\":\"Parameters\"}");
            assertThat(response.status()).as(path + " " + response.body()).isIn(405);
        }
    }
}
