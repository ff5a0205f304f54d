package jp.renkei.hub.core.audit;

import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;

import jp.renkei.hub.core.security.HubAuthentication;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.testsupport.HubCoreTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@HubCoreTest
class AuditControllerTest {

    private static final HubAuthentication ADMIN = new HubAuthentication(new HubPrincipal(
            HubPrincipal.Kind.PERSON, "ops-1", "Hub Operator", "hub", Set.of(HubRole.HUB_ADMIN)));

    @Autowired
    MockMvc mvc;
    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    private MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
        return request.with(authentication(ADMIN));
    }

    @Test
    void searchReturnsTheMatchingEventsNewestFirstWithPaging() throws Exception {
        String facility = AuditEntries.unique("fac");
        String actor = AuditEntries.unique("nurse");
        long read = trail.record(AuditEntries.of(actor, facility, "Patient/5", AuditAction.READ, AuditOutcome.SUCCESS));
        long denied = trail.record(AuditEntries.of(actor, facility, "Patient/6", AuditAction.READ, AuditOutcome.DENIED));
        trail.record(AuditEntries.of(actor, facility, "Patient/6", AuditAction.SEARCH, AuditOutcome.SUCCESS));

        mvc.perform(asAdmin(get("/api/admin/audit")
                        .param("facilityId", facility).param("action", "read").param("limit", "10")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.limit").value(10))
                .andExpect(jsonPath("$.offset").value(0))
                .andExpect(jsonPath("$.records", hasSize(2)))
                .andExpect(jsonPath("$.records[0].seq").value(denied))
                .andExpect(jsonPath("$.records[0].outcome").value("DENIED"))
                .andExpect(jsonPath("$.records[0].detail").value("no consent"))
                .andExpect(jsonPath("$.records[0].hash").isString())
                .andExpect(jsonPath("$.records[1].seq").value(read))
                .andExpect(jsonPath("$.records[1].actorId").value(actor))
                .andExpect(jsonPath("$.records[1].patientRef").value("Patient/5"))
                .andExpect(jsonPath("$.records[1].roles[0]").value("DOCTOR"));

        mvc.perform(asAdmin(get("/api/admin/audit")
                        .param("actorId", actor).param("outcome", "SUCCESS").param("offset", "1")
                        .param("from", "2000-01-01T00:00:00+09:00")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.limit").value(AuditQuery.DEFAULT_LIMIT))
                .andExpect(jsonPath("$.records", hasSize(1)))
                .andExpect(jsonPath("$.records[0].seq").value(read));
    }

    @ParameterizedTest
    @CsvSource({
        "action, FLY",
        "outcome, MAYBE",
        "from, yesterday",
        "to, 2025-04-01",
        "limit, 0",
        "limit, 1001",
        "limit, ten",
        "offset, -1",
    })
    void aBadParameterIsRefusedWithAProblemNamingIt(String parameter, String value) throws Exception {
        mvc.perform(asAdmin(get("/api/admin/audit").param(parameter, value)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors." + parameter).isString())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith(parameter + ": ")));
    }

    @Test
    void aTimeRangeEndingBeforeItStartsIsRefused() throws Exception {
        mvc.perform(asAdmin(get("/api/admin/audit")
                        .param("from", "2025-04-02T00:00:00Z").param("to", "2025-04-01T00:00:00Z")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.to").isString());
    }

    @Test
    void verifyReportsAnIntactChain() throws Exception {
        long seq = trail.record(AuditEntries.read(AuditEntries.unique("dr"), "Patient/1"));

        mvc.perform(asAdmin(get("/api/admin/audit/verify")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(true))
                .andExpect(jsonPath("$.rowsChecked").value(greaterThanOrEqualTo(seq), Long.class))
                .andExpect(jsonPath("$.violations", hasSize(0)))
                // the test context makes no anchors and its anchor directory is empty
                .andExpect(jsonPath("$.anchorsChecked").value(0))
                .andExpect(jsonPath("$.lastAnchoredSeq").value(0));
    }

    @Test
    void verifyListsTheViolationsOfATamperedChain() {
        long seq = trail.record(AuditEntries.read(AuditEntries.unique("dr"), "Patient/1"));
        TransactionTemplate superuser = new TransactionTemplate(transactions);

        // MockMvc runs on this thread, so the verification sees the tampering before it is rolled back.
        superuser.executeWithoutResult(status -> {
            status.setRollbackOnly();
            // A superuser bypasses the append-only triggers for this transaction only; unlike ALTER TABLE this
            // takes no table lock, so the hub (and its request audit) keeps appending meanwhile, as in reality.
            jdbc.sql("SET LOCAL session_replication_role = replica").update();
            jdbc.sql("UPDATE hub.audit_event SET outcome = 'DENIED', status = 403 WHERE seq = :seq").param("seq", seq).update();
            try {
                mvc.perform(asAdmin(get("/api/admin/audit/verify")))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.ok").value(false))
                        .andExpect(jsonPath("$.violations", hasSize(1)))
                        .andExpect(jsonPath("$.violations[0].seq").value(seq))
                        .andExpect(jsonPath("$.violations[0].kind").value("EDITED"))
                        .andExpect(jsonPath("$.violations[0].message").isString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }
}
