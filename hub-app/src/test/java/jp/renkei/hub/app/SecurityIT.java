package jp.renkei.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.pki.RevocationReason;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.BeanIds;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The whole HTTPS surface is authenticated, authorised by role and facility, and audited. */
@HubIntegrationTest
class SecurityIT {

    private static final Path HOME = HubIntegrationTest.HOME;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    /**
     * The filter chain is Spring Security's own, not wrapped in the filter that looks up Spring MVC's handler for
     * every request (NoMvcLookupPerRequest), and no chain matches with Spring MVC's matcher, which would need it.
     * The portal's pages and the API stay each in their chain (the portal's start page is a page, /api is not).
     */
    @Test
    void theFilterChainRunsWithoutSpringMvcsPerRequestLookup() throws Exception {
        FilterChainProxy chain = context.getBean(BeanIds.SPRING_SECURITY_FILTER_CHAIN, FilterChainProxy.class);

        // Spring Security's own chain proxy (WebSecurityConfiguration's), not WebMvcSecurityConfiguration's wrapper
        assertThat(chain.getClass().getName()).doesNotContain("WebMvcSecurityConfiguration");
        assertThat(chain.getFilterChains()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(one -> assertThat(
                one.toString()).doesNotContain("Mvc"));
        assertThat(curlStatus("/portal/login")).isEqualTo("200");
        assertThat(curlStatus("/portal")).isIn("200", "302");
        assertThat(curlStatus("/api/me")).isEqualTo("401");
    }

    @Test
    void anUnauthenticatedFhirSearchIsRefusedWith401AndAudited() {
        long before = maxSeq();

        FhirHttp.Response response = FhirHttp.forHub(port, HOME).get("/fhir/Patient");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(auditSince(before, "resource = 'GET /fhir/Patient'"))
                .containsExactly("ANONYMOUS SEARCH UNAUTHENTICATED 401 not authenticated");
    }

    @Test
    void aPharmacyClerkIsRefusedFacilityAdministrationWith403AndItIsAudited() {
        String pharmacy = TestPeople.demoFacilityId(context, DemoFacility.PHARMACY);
        String clerk = TestPeople.loggedIn(context, pharmacy, Profession.CLERK, false);
        long before = maxSeq();

        FhirHttp.Response response = FhirHttp.forHub(port, HOME).withToken(clerk)
                .get("/api/admin/facilities/" + pharmacy + "/people", "application/json");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("requires FACILITY_ADMIN of facility " + pharmacy);
        assertThat(auditSince(before, "resource LIKE 'GET /api/admin/facilities/%'"))
                .singleElement().asString().startsWith("PERSON READ DENIED 403 requires FACILITY_ADMIN");
    }

    @Test
    void theDeclaredPurposeOfUseIsAuditedAndAnUnknownOneIsRefusedWith400() throws Exception {
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        String doctor = TestPeople.loggedIn(context, hospital, Profession.DOCTOR, false);
        long before = maxSeq();

        String refused = curlAs(doctor, "MARKETING", "/api/me");
        String accepted = curlAs(doctor, "ETREAT", "/api/me");

        assertThat(refused).contains("\"status\":400").contains("Unknown purpose of use 'MARKETING'")
                .contains("ETREAT (").contains("HRESCH (").endsWith(" 400");
        assertThat(accepted).endsWith(" 200");
        assertThat(jdbc.sql("SELECT outcome || ' ' || status || ' ' || purpose || ' ' || coalesce(detail, '')"
                        + " FROM hub.audit_event WHERE seq > ? AND resource = 'GET /api/me' ORDER BY seq")
                .param(before).query(String.class).list())
                .satisfiesExactly(
                        first -> assertThat(first).startsWith("FAILED 400 MARKETING Unknown purpose of use 'MARKETING'"),
                        second -> assertThat(second).isEqualTo("SUCCESS 200 ETREAT "));
    }

    @Test
    void theDemoGatewayAuthenticatesByCertificateUntilItIsRevoked() throws Exception {
        Path certificate = HOME.resolve("demo/hospital-gateway.crt");
        Path key = HOME.resolve("demo/hospital-gateway.key");
        assertThat(curl(certificate, key, "/fhir/Organization?_summary=count")).isEqualTo("200");

        var devices = context.getBean(DeviceCertificates.class);
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        var gateway = devices.list(hospital).stream().filter(d -> d.name().equals("demo-gateway"))
                .filter(d -> d.status() == jp.renkei.hub.core.pki.Device.Status.ACTIVE).findFirst().orElseThrow();
        devices.revoke(hospital, gateway.deviceId(), RevocationReason.KEY_COMPROMISE, "security-test");
        try {
            assertThat(curl(certificate, key, "/fhir/Organization?_summary=count")).isEqualTo("401");
        } finally {
            // later tests (and the demo) need the gateway again: re-run the demo loader's renewal
            context.getBean(jp.renkei.hub.app.demo.DemoDataLoader.class).run(null);
        }
        assertThat(curl(certificate, key, "/fhir/Organization?_summary=count")).isEqualTo("200");
    }

    @Test
    void theListenerSpeaksOnlyTls13AndTls12() throws Exception {
        assertThat(handshake("-tls1_3")).isTrue();
        assertThat(handshake("-tls1_2")).isTrue();
        assertThat(handshake("-tls1_1")).isFalse();
        assertThat(handshake("-tls1")).isFalse();
    }

    @Test
    void hubAdministratorsReadTheAuditTrailAsFhirAuditEventsAndDoctorsCannot() {
        String operator = context.getBean(jp.renkei.hub.core.facility.FacilityRegistry.class)
                .list(null, jp.renkei.hub.core.facility.FacilityKind.HUB_OPERATOR, null).get(0).id();
        String admin = TestPeople.loggedIn(context, operator, Profession.HUB_ADMIN, true);
        String doctor = TestPeople.loggedIn(context, TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL),
                Profession.DOCTOR, false);
        FhirHttp.forHub(port, HOME).get("/fhir/Patient"); // something to find

        FhirHttp.Response events = FhirHttp.forHub(port, HOME).withToken(admin).get("/fhir/AuditEvent?_count=50");
        FhirHttp.Response refused = FhirHttp.forHub(port, HOME).withToken(doctor).get("/fhir/AuditEvent");

        assertThat(events.status()).isEqualTo(200);
        List<AuditEvent> audit = events.resource(Bundle.class).getEntry().stream()
                .map(e -> (AuditEvent) e.getResource()).toList();
        assertThat(audit).isNotEmpty().anySatisfy(e -> {
            assertThat(e.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
            assertThat(e.getRecorded()).isNotNull();
        });
        assertThat(refused.status()).isEqualTo(403);
        // nor through a batch Bundle, which the path rules do not see
        FhirHttp.Response batch = FhirHttp.forHub(port, HOME).withToken(doctor).post("/fhir", """
                {"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"GET","url":"AuditEvent?_count=5"}}]}""");
        assertThat(batch.body()).contains("hub administrators only").doesNotContain("\"resourceType\":\"AuditEvent\"");
    }

    @Test
    void oversizedApiRequestsAreRefusedWith413BeforeAnythingIsRead() {
        String huge = "{\"name\":\"" + "あ".repeat(600_000) + "\"}";

        FhirHttp.Response response = FhirHttp.forHub(port, HOME).postJson("/api/auth/login", huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).contains("at most 1048576 bytes");
    }

    private long maxSeq() {
        return jdbc.sql("SELECT coalesce(max(seq), 0) FROM hub.audit_event").query(Long.class).single();
    }

    private List<String> auditSince(long seq, String condition) {
        return jdbc.sql("SELECT actor_kind || ' ' || action || ' ' || outcome || ' ' || status || ' ' || coalesce(detail, '')"
                + " FROM hub.audit_event WHERE seq > ? AND " + condition + " ORDER BY seq").param(seq)
                .query(String.class).list();
    }

    /** curl as the site's gateway would call the hub: its own key and certificate, the hub CA as trust. */
    private String curl(Path certificate, Path key, String path) throws IOException, InterruptedException {
        return run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", HOME.resolve("pki/ca.crt").toString(),
                "--cert", certificate.toString(), "--key", key.toString(), "https://localhost:" + port + path).trim();
    }

    /** curl as a person with a session, declaring a purpose of use: the body, a space and the status. */
    /** The status of an anonymous GET. */
    private String curlStatus(String path) throws IOException, InterruptedException {
        return run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert",
                HOME.resolve("pki/ca.crt").toString(), "https://localhost:" + port + path).trim();
    }

    private String curlAs(String token, String purpose, String path) throws IOException, InterruptedException {
        return run("curl", "-s", "-w", " %{http_code}", "--cacert", HOME.resolve("pki/ca.crt").toString(),
                "-H", "Authorization: Bearer " + token, "-H", "X-Purpose-Of-Use: " + purpose,
                "https://localhost:" + port + path).trim();
    }

    /** A TLS handshake by OpenSSL, with the protocol forced and every cipher allowed so only the server decides. */
    private boolean handshake(String protocol) throws IOException, InterruptedException {
        String output = run("openssl", "s_client", "-connect", "127.0.0.1:" + port, protocol,
                "-cipher", "DEFAULT:@SECLEVEL=0", "-CAfile", HOME.resolve("pki/ca.crt").toString(), "-brief");
        return output.contains("Protocol version:");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.toString();
    }
}
