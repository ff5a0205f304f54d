package jp.renkei.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.Profession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@HubIntegrationTest
class HealthEndpointIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void everyoneSeesTheDatabaseStatusButOnlyHubAdministratorsItsDetails() throws Exception {
        FhirHttp.Response anonymous = FhirHttp.forHub(port, HubIntegrationTest.HOME).get("/actuator/health", "application/json");
        String operator = context.getBean(FacilityRegistry.class).list(null, FacilityKind.HUB_OPERATOR, null).get(0).id();
        String admin = TestPeople.loggedIn(context, operator, Profession.HUB_ADMIN, true);
        FhirHttp.Response detailed = FhirHttp.forHub(port, HubIntegrationTest.HOME).withToken(admin)
                .get("/actuator/health", "application/json");

        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(200);
        JsonNode health = new ObjectMapper().readTree(anonymous.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/details").isMissingNode()).as("no details for anonymous callers").isTrue();
        assertThat(new ObjectMapper().readTree(detailed.body()).at("/components/db/details/database").asText())
                .isEqualTo("PostgreSQL");
    }

    @Test
    void readinessProbeIsUp() {
        FhirHttp.Response response = FhirHttp.forHub(port, HubIntegrationTest.HOME).get("/actuator/health/readiness", "application/json");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"UP\"");
    }
}
