package jp.renkei.hub.fhir.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.HashMapResourceProvider;
import jakarta.servlet.Filter;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.security.HubAuthentication;
import jp.renkei.hub.fhir.HubSystems;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * {@code $ihe-pix} and the privacy interceptor behind HAPI's RESTful server on a loopback Tomcat. A filter
 * stands in for the hub's security filters: it authenticates each request as a person of the facility named
 * in the {@code X-Test-Facility} header.
 */
class IhePixProviderTest {

    private static final FhirContext R4 = FhirContext.forR4Cached();
    private static final Fixtures.CrossReference CROSS_REFERENCE = new Fixtures.CrossReference();
    private static final Fixtures.Store STORE = new Fixtures.Store();
    private static final EventNumber NUMBER = EventNumber.random();
    private static final EventNumber RETIRED = EventNumber.random();
    private static final EventNumber UNISSUED = EventNumber.random();
    private static String hospitalPatientId;
    private static String clinicPatientId;
    private static Tomcat tomcat;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startServer() throws Exception {
        CROSS_REFERENCE.links.put(new FacilityPatientId(Fixtures.HOSPITAL, "H-1"), NUMBER);
        CROSS_REFERENCE.links.put(new FacilityPatientId(Fixtures.CLINIC, "C-9"), NUMBER);
        CROSS_REFERENCE.retiredTo.put(RETIRED, NUMBER);
        Patient atHospital = withNumber(Fixtures.patient(Fixtures.HOSPITAL_SYSTEM, "H-1", "山田"));
        Patient atClinic = withNumber(Fixtures.patient(Fixtures.CLINIC_SYSTEM, "C-9", "山田"));
        atClinic.addIdentifier().setSystem(Fixtures.HOSPITAL_SYSTEM).setValue("H-1-copied");
        hospitalPatientId = STORE.add(atHospital);
        clinicPatientId = STORE.add(atClinic);

        RestfulServer server = new RestfulServer(R4);
        ActingFacilities facilities = Fixtures.facilities();
        HashMapResourceProvider<Patient> patients = new HashMapResourceProvider<>(R4, Patient.class);
        STORE.patients.values().forEach(p -> patients.store(p.copy()));
        server.registerProvider(patients);
        server.registerProvider(new IhePixProvider(CROSS_REFERENCE, facilities, STORE));
        // As in the hub: the requester the security filters set is captured into every FHIR request.
        server.registerInterceptor(new jp.renkei.hub.fhir.access.FhirRequesters());
        server.registerInterceptor(new PatientPrivacyInterceptor(facilities,
                new EventNumberReferences(CROSS_REFERENCE, STORE), R4));

        tomcat = new Tomcat();
        Path baseDir = Files.createTempDirectory("pix-fhir-tomcat");
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", baseDir.toString());
        Tomcat.addServlet(context, "fhir", server);
        context.addServletMappingDecoded("/fhir/*", "fhir");
        addAuthentication(context);
        tomcat.start();
        base = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/fhir/";
    }

    private static Patient withNumber(Patient patient) {
        patient.addIdentifier().setSystem(HubSystems.EVENT_NUMBER).setValue(NUMBER.formatted())
                .setUse(Identifier.IdentifierUse.OFFICIAL);
        return patient;
    }

    private static void addAuthentication(Context context) {
        Filter filter = (request, response, chain) -> {
            String facility = ((jakarta.servlet.http.HttpServletRequest) request).getHeader("X-Test-Facility");
            try {
                if (facility != null) {
                    SecurityContextHolder.getContext().setAuthentication(
                            new HubAuthentication(Fixtures.principalOf(facility)));
                    request.setAttribute(jp.renkei.hub.core.security.RequestAttributes.REQUESTER,
                            new jp.renkei.hub.core.security.Requester(Fixtures.principalOf(facility),
                                    jp.renkei.hub.core.security.PurposeOfUse.TREAT));
                }
                chain.doFilter(request, response);
            } finally {
                SecurityContextHolder.clearContext();
            }
        };
        FilterDef def = new FilterDef();
        def.setFilterName("test-authentication");
        def.setFilter(filter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("test-authentication");
        map.addURLPattern("/*");
        context.addFilterMap(map);
    }

    @AfterAll
    static void stopServer() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    private HttpResponse<String> get(String facility, String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "application/fhir+json");
        if (facility != null) {
            request.header("X-Test-Facility", facility);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> pix(String facility, String system, String value) throws Exception {
        return get(facility, "Patient/$ihe-pix?sourceIdentifier="
                + URLEncoder.encode(system + "|" + value, StandardCharsets.UTF_8));
    }

    private static String diagnostics(HttpResponse<String> response) {
        return R4.newJsonParser().parseResource(OperationOutcome.class, response.body())
                .getIssueFirstRep().getDiagnostics();
    }

    @Test
    void theOwningFacilityGetsTheEventNumberItsOwnLocalIdAndItsOwnPatientOnly() throws Exception {
        HttpResponse<String> response = pix(Fixtures.HOSPITAL, Fixtures.HOSPITAL_SYSTEM, "H-1");

        assertThat(response.statusCode()).isEqualTo(200);
        Parameters expected = new Parameters();
        expected.addParameter().setName("targetIdentifier").setValue(new Identifier()
                .setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(HubSystems.EVENT_NUMBER).setValue(NUMBER.formatted()));
        expected.addParameter().setName("targetIdentifier")
                .setValue(new Identifier().setSystem(Fixtures.HOSPITAL_SYSTEM).setValue("H-1"));
        expected.addParameter().setName("targetId")
                .setValue(new org.hl7.fhir.r4.model.Reference("Patient/" + hospitalPatientId));
        Parameters actual = R4.newJsonParser().parseResource(Parameters.class, response.body());
        assertThat(actual.equalsDeep(expected)).as(response.body()).isTrue();
        assertThat(response.body()).doesNotContain(Fixtures.CLINIC_SYSTEM, "C-9", "Patient/" + clinicPatientId);
    }

    @Test
    void byEventNumberTheClinicSeesOnlyItsOwnSideAndARetiredNumberResolvesToTheSurvivor() throws Exception {
        for (HttpResponse<String> response : List.of(
                pix(Fixtures.CLINIC, HubSystems.EVENT_NUMBER, NUMBER.formatted()),
                pix(Fixtures.CLINIC, HubSystems.EVENT_NUMBER, RETIRED.digits()))) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains(NUMBER.formatted(), "C-9", "Patient/" + clinicPatientId)
                    .doesNotContain(Fixtures.HOSPITAL_SYSTEM, "H-1", "Patient/" + hospitalPatientId);
        }
    }

    @Test
    void postWithParametersAndTargetSystemAnswersOnlyTheAskedSystem() throws Exception {
        Parameters in = new Parameters();
        in.addParameter().setName("sourceIdentifier").setValue(
                new org.hl7.fhir.r4.model.StringType(Fixtures.HOSPITAL_SYSTEM + "|H-1"));
        in.addParameter().setName("targetSystem").setValue(new org.hl7.fhir.r4.model.UriType(HubSystems.EVENT_NUMBER));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "Patient/$ihe-pix"))
                .header("Content-Type", "application/fhir+json").header("X-Test-Facility", Fixtures.HOSPITAL)
                .POST(HttpRequest.BodyPublishers.ofString(R4.newJsonParser().encodeResourceToString(in))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Parameters out = R4.newJsonParser().parseResource(Parameters.class, response.body());
        assertThat(out.getParameter()).extracting(p -> p.getName()).containsExactly("targetIdentifier", "targetId");
        assertThat(((Identifier) out.getParameterFirstRep().getValue()).getValue()).isEqualTo(NUMBER.formatted());
        assertThat(response.body()).doesNotContain(Fixtures.CLINIC_SYSTEM, "C-9");
    }

    @Test
    void refusalsSayPreciselyWhy() throws Exception {
        HttpResponse<String> foreign = pix(Fixtures.HOSPITAL, Fixtures.CLINIC_SYSTEM, "C-9");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(diagnostics(foreign)).contains("another facility's local patient-ID system: use the event number");

        HttpResponse<String> unknown = pix(Fixtures.HOSPITAL, HubSystems.EVENT_NUMBER, UNISSUED.formatted());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(diagnostics(unknown)).contains("event number " + UNISSUED.formatted() + " was never issued");

        HttpResponse<String> unlinked = pix(Fixtures.HOSPITAL, Fixtures.HOSPITAL_SYSTEM, "H-404");
        assertThat(unlinked.statusCode()).isEqualTo(404);
        assertThat(diagnostics(unlinked)).contains("local patient ID H-404 of your facility is not linked");

        String mistyped = NUMBER.digits().substring(0, 15) + ((NUMBER.digits().charAt(15) - '0' + 1) % 10);
        HttpResponse<String> malformed = pix(Fixtures.HOSPITAL, HubSystems.EVENT_NUMBER, mistyped);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(diagnostics(malformed)).contains("not a valid event number: check digit does not match");

        HttpResponse<String> otherSystem = pix(Fixtures.HOSPITAL, "urn:test:insurer", "123");
        assertThat(otherSystem.statusCode()).isEqualTo(400);
        assertThat(diagnostics(otherSystem)).contains("system urn:test:insurer is not known here");

        HttpResponse<String> anonymous = pix(null, HubSystems.EVENT_NUMBER, NUMBER.formatted());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void readsAndSearchesShowNoForeignLocalIdsButRequestsWithoutAPrincipalSeeEverything() throws Exception {
        HttpResponse<String> read = get(Fixtures.HOSPITAL, "Patient/" + clinicPatientId);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).doesNotContain(Fixtures.CLINIC_SYSTEM, "C-9").contains(NUMBER.formatted(), "H-1-copied");

        HttpResponse<String> search = get(Fixtures.CLINIC, "Patient");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).doesNotContain(Fixtures.HOSPITAL_SYSTEM, "H-1").contains("C-9", NUMBER.formatted());

        assertThat(get(null, "Patient/" + clinicPatientId).body()).contains("C-9", "H-1-copied");
    }
}
