package jp.renkei.hub.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The audit trail records a web-questionnaire link without its token; every other path as it is. */
class RequestAuditPathTest {

    @Test
    void theLinkTokenIsReplacedAndOtherPathsAreKept() {
        String token = "x".repeat(20) + "-_" + "A9".repeat(11);
        assertThat(RequestAuditFilter.withoutLinkToken("/portal/q/" + token)).isEqualTo("/portal/q/[link-token]");
        assertThat(RequestAuditFilter.withoutLinkToken("/portal/q/answer")).isEqualTo("/portal/q/answer");
        assertThat(RequestAuditFilter.withoutLinkToken("/portal/q/answer/send")).isEqualTo("/portal/q/answer/send");
        assertThat(RequestAuditFilter.withoutLinkToken("/portal/q")).isEqualTo("/portal/q");
        assertThat(RequestAuditFilter.withoutLinkToken("/portal/questionnaire/forms/" + token))
                .isEqualTo("/portal/questionnaire/forms/" + token);
        assertThat(RequestAuditFilter.withoutLinkToken("/fhir/Patient/" + token)).isEqualTo("/fhir/Patient/" + token);
    }
}
