package jp.renkei.hub.vpn.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.core.security.HubAuthentication;
import jp.renkei.hub.core.security.HubPrincipal;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Helpers of the API tests: acting as someone, and comparing a foreign answer with an absent one. */
public final class ApiCalls {

    private ApiCalls() {
    }

    public static RequestPostProcessor as(HubPrincipal principal) {
        return authentication(new HubAuthentication(principal));
    }

    /** The body of an answer that must have {@code status}. */
    public static String body(ResultActions actions, int status) throws Exception {
        MvcResult result = actions.andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(status);
        return result.getResponse().getContentAsString();
    }

    /** The problem answer with the facility ID (which the caller sent) and request path taken out. */
    public static String normalise(ObjectMapper json, String body, String facilityId) throws Exception {
        Map<?, ?> problem = json.readValue(body.replace(facilityId, "<id>"), Map.class);
        problem.remove("instance");
        return problem.toString();
    }
}
