package jp.renkei.hub.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditFilter;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditQuery;
import jp.renkei.hub.core.audit.AuditRecord;
import jp.renkei.hub.fhir.FhirServerProperties;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider behind HAPI's RESTful server on a loopback Tomcat, over a trail whose searches it records. */
class AuditEventResourceProviderTest {

    private static final FhirContext R4 = FhirContext.forR4Cached();
    private static final RecordingQuery QUERY = new RecordingQuery();
    private static Tomcat tomcat;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient();

    /** Answers every search with two events and remembers what was asked. */
    static final class RecordingQuery extends AuditQuery {
        final List<String> calls = new ArrayList<>();
        AuditFilter filter;

        RecordingQuery() {
            super(null);
        }

        @Override
        public List<AuditRecord> search(AuditFilter filter, int limit, int offset) {
            this.filter = filter;
            calls.add("search limit=" + limit + " offset=" + offset);
            return List.of(event(8), event(7));
        }

        @Override
        public Optional<AuditRecord> find(long seq) {
            calls.add("find " + seq);
            return seq == 7 ? Optional.of(event(7)) : Optional.empty();
        }

        static AuditRecord event(long seq) {
            return new AuditRecord(seq, Instant.parse("2025-04-01T00:00:00Z").plusSeconds(seq), "PERSON", "dr-1",
                    "fac-1", List.of("DOCTOR"), "Patient/7", AuditAction.READ, "GET /fhir/Patient/7",
                    AuditOutcome.SUCCESS, 200, null, "127.0.0.1", null, "0".repeat(64), "1".repeat(64));
        }
    }

    @BeforeAll
    static void startServer() throws Exception {
        RestfulServer server = new RestfulServer(R4);
        server.registerInterceptor(new jp.renkei.hub.fhir.access.FhirRequesters());
        server.registerProvider(new AuditEventResourceProvider(QUERY, new FhirServerProperties(List.of(), 20, 200, "", true, false)));
        tomcat = new Tomcat();
        Path baseDir = Files.createTempDirectory("audit-fhir-tomcat");
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", baseDir.toString());
        Tomcat.addServlet(context, "fhir", server);
        context.addServletMappingDecoded("/fhir/*", "fhir");
        // Stands in for the hub's security filters: a hub administrator, or the role named in X-Test-Role.
        jakarta.servlet.Filter authentication = (request, response, chain) -> {
            String role = ((jakarta.servlet.http.HttpServletRequest) request).getHeader("X-Test-Role");
            try {
                var principal = new jp.renkei.hub.core.security.HubPrincipal(
                        jp.renkei.hub.core.security.HubPrincipal.Kind.PERSON, "person-1", "試験", "facility-1",
                        java.util.Set.of(jp.renkei.hub.core.security.HubRole.valueOf(role == null ? "HUB_ADMIN" : role)));
                org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                        new jp.renkei.hub.core.security.HubAuthentication(principal));
                request.setAttribute(jp.renkei.hub.core.security.RequestAttributes.REQUESTER,
                        new jp.renkei.hub.core.security.Requester(principal,
                                jp.renkei.hub.core.security.PurposeOfUse.TREAT));
                chain.doFilter(request, response);
            } finally {
                org.springframework.security.core.context.SecurityContextHolder.clearContext();
            }
        };
        org.apache.tomcat.util.descriptor.web.FilterDef def = new org.apache.tomcat.util.descriptor.web.FilterDef();
        def.setFilterName("test-authentication");
        def.setFilter(authentication);
        context.addFilterDef(def);
        org.apache.tomcat.util.descriptor.web.FilterMap map = new org.apache.tomcat.util.descriptor.web.FilterMap();
        map.setFilterName("test-authentication");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        tomcat.start();
        base = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/fhir/";
    }

    @AfterAll
    static void stopServer() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    @org.junit.jupiter.api.Test
    void onlyHubAdministratorsReadTheTrailEvenInsideABatch() throws Exception {
        HttpResponse<String> search = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "AuditEvent"))
                        .header("X-Test-Role", "DOCTOR").GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> batch = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base))
                        .header("X-Test-Role", "GATEWAY").header("Content-Type", "application/fhir+json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                                {"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"GET","url":"AuditEvent?outcome=4"}}]}"""))
                        .build(), HttpResponse.BodyHandlers.ofString());

        org.assertj.core.api.Assertions.assertThat(search.statusCode()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(search.body()).contains("hub administrators only");
        org.assertj.core.api.Assertions.assertThat(QUERY.calls).isEmpty();
        org.assertj.core.api.Assertions.assertThat(batch.body()).doesNotContain("\"resourceType\":\"AuditEvent\"");
    }

    @BeforeEach
    void forget() {
        QUERY.calls.clear();
        QUERY.filter = null;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/fhir+json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readsAnEventBySequenceNumber() throws Exception {
        HttpResponse<String> found = get("AuditEvent/7");
        assertThat(found.statusCode()).isEqualTo(200);
        AuditEvent event = R4.newJsonParser().parseResource(AuditEvent.class, found.body());
        assertThat(event.getIdElement().getIdPart()).isEqualTo("7");
        assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("dr-1");

        assertThat(get("AuditEvent/8").statusCode()).isEqualTo(404);
        assertThat(get("AuditEvent/not-a-number").statusCode()).isEqualTo(404);
        assertThat(QUERY.calls).containsExactly("find 7", "find 8");
    }

    @Test
    void searchesTheTrailWithTheGivenCriteriaAndPageSize() throws Exception {
        HttpResponse<String> response = get(
                "AuditEvent?agent=dr-1&patient=Patient/7&outcome=0&date=ge2025-04-01T00:00:00Z&_count=5&_offset=10");

        assertThat(response.statusCode()).isEqualTo(200);
        Bundle bundle = R4.newJsonParser().parseResource(Bundle.class, response.body());
        assertThat(bundle.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly("8", "7");
        assertThat(QUERY.calls).containsExactly("search limit=5 offset=10");
        assertThat(QUERY.filter.actorId()).isEqualTo("dr-1");
        assertThat(QUERY.filter.patientRefs()).containsExactly("Patient/7");
        assertThat(QUERY.filter.outcomes()).containsExactly(AuditOutcome.SUCCESS);
        assertThat(QUERY.filter.from()).isEqualTo(Instant.parse("2025-04-01T00:00:00Z"));
    }

    @Test
    void thePageSizeIsTheServersDefaultAndCappedAtItsMaximum() throws Exception {
        assertThat(get("AuditEvent").statusCode()).isEqualTo(200);
        assertThat(get("AuditEvent?_count=5000").statusCode()).isEqualTo(200);
        assertThat(QUERY.calls).containsExactly("search limit=20 offset=0", "search limit=200 offset=0");
    }

    @Test
    void answersWithoutAskingTheTrailWhenNothingCanMatchAndRefusesWhatItCannotAnswer() throws Exception {
        HttpResponse<String> majorFailures = get("AuditEvent?outcome=12");
        assertThat(majorFailures.statusCode()).isEqualTo(200);
        assertThat(R4.newJsonParser().parseResource(Bundle.class, majorFailures.body()).getEntry()).isEmpty();

        assertThat(get("AuditEvent?outcome=3").statusCode()).isEqualTo(400);
        assertThat(get("AuditEvent?entity-type=2").statusCode()).isEqualTo(400);
        assertThat(QUERY.calls).isEmpty();
    }

    @Test
    void auditEventsCannotBeWrittenThroughFhir() throws Exception {
        String event = R4.newJsonParser().encodeResourceToString(new AuditEventMapper().toFhir(RecordingQuery.event(1)));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "AuditEvent"))
                        .header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isBetween(400, 499);
        assertThat(QUERY.calls).isEmpty();
    }
}
