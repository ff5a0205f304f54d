package jp.renkei.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@HubIntegrationTest
class HealthEndpointIT {

    @LocalServerPort
    int port;

    @Test
    void healthReportsTheDatabase() throws Exception {
        FhirHttp.Response response = FhirHttp.forHub(port, HubIntegrationTest.HOME).get("/actuator/health", "application/json");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode health = new ObjectMapper().readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/details/database").asText()).isEqualTo("PostgreSQL");
    }

    @Test
    void readinessProbeIsUp() {
        FhirHttp.Response response = FhirHttp.forHub(port, HubIntegrationTest.HOME).get("/actuator/health/readiness", "application/json");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"UP\"");
    }
}
