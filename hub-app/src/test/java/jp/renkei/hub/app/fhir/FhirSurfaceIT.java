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
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.fhir.access.FhirSurface;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

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

    @Autowired
    DaoRegistry daos;

    @Autowired
    ApplicationContext context;

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

    /**
     * HAPI now has providers only for the stored types; a type it knows but the hub does not offer must get the
     * answers it got while HAPI had a provider for every type (these bodies were recorded from that hub).
     */
    @Test
    void aTypeThatIsNotOfferedGetsTheSameRefusalAsWhenHapiServedEveryType() {
        Map<String, FhirHttp.Response> answers = new java.util.LinkedHashMap<>();
        answers.put("read Basic", clinicGateway.get("/fhir/Basic/1"));
        answers.put("search-type Basic", clinicGateway.get("/fhir/Basic?_count=1"));
        answers.put("vread Basic", clinicGateway.get("/fhir/Basic/1/_history/2"));
        answers.put("history-instance Basic", clinicGateway.get("/fhir/Basic/1/_history"));
        answers.put("history-type", clinicGateway.get("/fhir/Basic/_history"));
        answers.put("create Basic", clinicGateway.post("/fhir/Basic", "{\"resourceType\":\"Basic\"}"));
        answers.put("update Task", clinicGateway.put("/fhir/Task/1", new org.hl7.fhir.r4.model.Task().setId("1")));
        answers.put("delete Group", clinicGateway.delete("/fhir/Group/1"));
        answers.put("$validate", clinicGateway.post("/fhir/Basic/$validate", "{\"resourceType\":\"Basic\"}"));
        answers.put("$meta", clinicGateway.get("/fhir/Basic/1/$meta"));
        // Stored for HAPI's own use (package cache, $merge), never offered.
        answers.put("read Binary", clinicGateway.get("/fhir/Binary/1"));
        answers.put("search-type Task", clinicGateway.get("/fhir/Task"));
        answers.forEach((name, response) -> {
            assertThat(response.status()).as(name + " " + response.body()).isEqualTo(405);
            assertThat(response.diagnostics()).as(name).isEqualTo("ERROR: The hub does not offer " + name
                    + " over FHIR; the resource types, interactions and operations it offers are listed in its"
                    + " CapabilityStatement (/fhir/metadata)\n");
        });
        FhirHttp.Response conditional = clinicGateway.delete("/fhir/Basic?identifier=x%7C1");
        assertThat(conditional.status()).isEqualTo(400);
        assertThat(conditional.diagnostics()).contains("Conditional create, update, patch and delete (If-None-Exist,"
                + " Basic?criteria) are offered only within your own data");

        FhirHttp.Response batch = clinicGateway.post("/fhir", "{\"resourceType\":\"Bundle\",\"type\":\"batch\","
                + "\"entry\":[{\"request\":{\"method\":\"GET\",\"url\":\"Basic/1\"}}]}");
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        org.hl7.fhir.r4.model.Bundle.BundleEntryResponseComponent entry =
                batch.resource(org.hl7.fhir.r4.model.Bundle.class).getEntryFirstRep().getResponse();
        assertThat(entry.getStatus()).isEqualTo("405 Method Not Allowed");
        assertThat(((org.hl7.fhir.r4.model.OperationOutcome) entry.getOutcome()).getIssueFirstRep().getDiagnostics())
                .startsWith("The hub does not offer vread Basic over FHIR;");
    }

    @Test
    void hapiHasDaosOnlyForTheStoredTypes() {
        assertThat(daos.getRegisteredDaoTypes()).containsExactlyInAnyOrderElementsOf(FhirSurface.storedTypes());
        assertThat(context.getBeansOfType(IFhirResourceDao.class)).hasSize(FhirSurface.storedTypes().size());
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
