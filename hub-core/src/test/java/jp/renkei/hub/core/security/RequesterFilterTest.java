package jp.renkei.hub.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class RequesterFilterTest {

    static final HubPrincipal NURSE = new HubPrincipal(HubPrincipal.Kind.PERSON, "person-2", "看護 花子",
            "facility-1", Set.of(HubRole.NURSE));

    final ObjectMapper json = new ObjectMapper();
    final RequesterFilter filter = new RequesterFilter(json);
    final MockHttpServletResponse response = new MockHttpServletResponse();
    final MockFilterChain chain = new MockFilterChain();

    @AfterEach
    void clearRequestContext() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void theHeaderBecomesTheRequestersPurpose() throws Exception {
        MockHttpServletRequest request = authenticated("GET", "/dicomweb/studies");
        request.addHeader(PurposeOfUse.HEADER, "ETREAT");

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).isSameAs(request);
        assertThat(Requesters.current(request)).isEqualTo(new Requester(NURSE, PurposeOfUse.ETREAT));
        assertThat(RequestAuditFilter.purpose(request)).isEqualTo("ETREAT");
    }

    @Test
    void withoutTheHeaderTheRequesterTreats() throws Exception {
        MockHttpServletRequest request = authenticated("GET", "/fhir/Patient");

        filter.doFilter(request, response, chain);

        assertThat(Requesters.current(request).purpose()).isEqualTo(PurposeOfUse.TREAT);
        assertThat(RequestAuditFilter.purpose(request)).isEqualTo("TREAT");
    }

    @Test
    void anAnonymousRequestHasNoRequester() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/metadata");

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).isSameAs(request);
        assertThat(Requesters.find(request)).isEmpty();
        assertThatThrownBy(() -> Requesters.current(request)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /fhir/metadata");
    }

    @Test
    void anUnknownPurposeIsRefusedWith400NamingTheAcceptedCodesAndAudited() throws Exception {
        MockHttpServletRequest request = authenticated("GET", "/fhir/Observation");
        request.addHeader(PurposeOfUse.HEADER, "MARKETING");

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).as("the request goes no further").isNull();
        assertThat(Requesters.find(request)).isEmpty();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = json.readTree(response.getContentAsByteArray());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("instance").asText()).isEqualTo("/fhir/Observation");
        assertThat(problem.path("detail").asText()).startsWith("Unknown purpose of use 'MARKETING'")
                .contains(PurposeOfUse.accepted());

        AuditEntry audited = RequestAuditFilter.entry(request, response.getStatus());
        assertThat(audited.outcome()).isEqualTo(AuditOutcome.FAILED);
        assertThat(audited.status()).isEqualTo(400);
        assertThat(audited.actorId()).isEqualTo("person-2");
        assertThat(audited.purpose()).as("the code as sent").isEqualTo("MARKETING");
        assertThat(audited.detail()).isEqualTo(problem.path("detail").asText());
    }

    @Test
    void theCurrentRequesterIsFoundThroughTheRequestContext() throws Exception {
        MockHttpServletRequest request = authenticated("GET", "/dicomweb/studies");
        request.addHeader(PurposeOfUse.HEADER, "PATRQT");
        filter.doFilter(request, response, chain);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

        assertThat(Requesters.current()).isEqualTo(new Requester(NURSE, PurposeOfUse.PATRQT));
    }

    @Test
    void outsideAnHttpRequestThereIsNoCurrentRequester() {
        assertThatThrownBy(Requesters::current).isInstanceOf(IllegalStateException.class);
    }

    private static MockHttpServletRequest authenticated(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setAttribute(RequestAttributes.PRINCIPAL, NURSE);
        return request;
    }
}
