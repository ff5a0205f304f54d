package jp.renkei.hub.app.carenet;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.RawHubHttp;
import jp.renkei.hub.app.support.RawHubHttp.Exchange;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.auth.LoginRequest;
import jp.renkei.hub.core.auth.LoginResult;
import jp.renkei.hub.core.auth.LoginService;
import jp.renkei.hub.core.auth.TotpCodes;
import jp.renkei.hub.core.facility.FacilityApplication;
import jp.renkei.hub.core.facility.FacilityContact;
import jp.renkei.hub.core.facility.FacilityDetails;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.facility.PostalAddress;
import org.springframework.context.ApplicationContext;

/** What the care-net integration tests share: new active facilities, real API sessions, JSON calls. */
final class CareNetHub {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CareNetHub() {
    }

    static String activeFacility(FacilityRegistry registry, FacilityKind kind, String name) {
        String id = registry.apply(new FacilityApplication(kind, null, new FacilityDetails(name + UUID.randomUUID()
                .toString().substring(0, 4), "テスト", new PostalAddress("960-8001", "福島県", "福島市", "大町2-2"), "県北",
                new FacilityContact("024-000-0009", null), List.of())), "care-net-it").id();
        registry.changeStatus(id, FacilityStatus.APPROVED, null, "care-net-it");
        registry.changeStatus(id, FacilityStatus.ACTIVE, null, "care-net-it");
        return id;
    }

    /**
     * A session of the person acting for the facility: password and, when enrolled, the TOTP code of {@code at}'s
     * step (a second session of the same person needs a later step than the first).
     */
    static RawHubHttp session(ApplicationContext context, int port, TestPeople.Person person, String facilityId,
                              Instant at) {
        String code = person.totpSecret() == null ? null
                : context.getBean(TotpCodes.class).codeAt(person.totpSecret(), at);
        LoginResult result = context.getBean(LoginService.class)
                .login(new LoginRequest(person.login(), TestPeople.PASSWORD, code, null, facilityId), "127.0.0.1");
        if (!(result instanceof LoginResult.Success success)) {
            throw new IllegalStateException("login failed: " + result);
        }
        return RawHubHttp.forPerson(person.login(), port, HubIntegrationTest.HOME, success.token());
    }

    /** A call of the care-net API with a JSON body (or none). */
    static Exchange api(RawHubHttp http, String method, String path, Object body) {
        try {
            return http.send(method, path, body == null ? null : "application/json",
                    body == null ? null : JSON.writeValueAsString(body), "Accept", "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
