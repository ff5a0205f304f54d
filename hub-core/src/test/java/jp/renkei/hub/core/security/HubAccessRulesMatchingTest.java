package jp.renkei.hub.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * How a rule's paths match requests: on the decoded path (a percent-encoded letter cannot slip past a narrower
 * rule to a broader one), whole segments only, no trailing slash or extra segment, and the rule's method.
 */
class HubAccessRulesMatchingTest {

    @Test
    void aRuleMatchesItsPathDecodedAndNothingBeside() {
        AccessRule notebook = rule("/portal/pharmacy/notebook");

        assertThat(matches(notebook, "POST", "/portal/pharmacy/notebook")).isTrue();
        assertThat(matches(notebook, "GET", "/portal/pharmacy/%6Eotebook")).as("decoded").isTrue();
        assertThat(matches(notebook, "GET", "/portal/pharmacy/notebook/")).isFalse();
        assertThat(matches(notebook, "GET", "/portal/pharmacy/notebooks")).isFalse();
        assertThat(matches(notebook, "GET", "/portal/pharmacy/notebook/x")).isFalse();
    }

    @Test
    void aRuleWithAMethodMatchesOnlyThatMethod() {
        AccessRule metrics = rule("/actuator/prometheus");

        assertThat(matches(metrics, "GET", "/actuator/prometheus")).isTrue();
        assertThat(matches(metrics, "POST", "/actuator/prometheus")).isFalse();
    }

    @Test
    void aDoubleStarCoversTheFolderAndEverythingBelow() {
        AccessRule actuator = rule("/actuator/**");

        assertThat(matches(actuator, "GET", "/actuator")).isTrue();
        assertThat(matches(actuator, "GET", "/actuator/health/liveness")).isTrue();
        assertThat(matches(actuator, "GET", "/actuators")).isFalse();
    }

    private static AccessRule rule(String pattern) {
        return HubAccessRules.RULES.stream().filter(r -> r.patterns().contains(pattern)).findFirst().orElseThrow();
    }

    private static boolean matches(AccessRule rule, String method, String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        return Arrays.stream(HubAccessRules.matchersOf(rule)).anyMatch(m -> m.matches(request));
    }
}
