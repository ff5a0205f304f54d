package jp.renkei.hub.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.audit.AuditVerification;
import jp.renkei.hub.core.audit.AuditVerifier;
import jp.renkei.hub.core.testsupport.HubCoreTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A request that writes data, through the real audit filter and trail: its audit event is written in the data's
 * transaction (one commit), and what the issue demands of that holds: data committed means its event exists,
 * a rollback leaves a failure event and no success, an answer with another status gets its own event, and
 * concurrent writers and plain appends still make one verifiable chain.
 */
@HubCoreTest
class AuditWithDataTest {

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditWithData auditWithData;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    private TransactionTemplate dataTransaction;
    private RequestAuditFilter filter;

    @BeforeEach
    void dataTable() {
        jdbc.sql("CREATE TABLE IF NOT EXISTS public.audit_with_data_probe (marker text PRIMARY KEY)").update();
        dataTransaction = new TransactionTemplate(transactions);
        filter = new RequestAuditFilter(trail);
    }

    @Test
    void committedDataHasItsEventFromTheSameCommitAndNoSecondOne() throws Exception {
        String actor = unique("writer");

        MockHttpServletResponse response = run(request(actor), (req, res) -> {
            writeData(req, actor, 201, false);
            res.setStatus(201);
            res.getWriter().write("{}");
        });

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(dataExists(actor)).isTrue();
        // Pending or already chained, the event is there the moment the data is; the filter wrote nothing more.
        assertThat(events(actor)).containsExactly("CREATE SUCCESS 201");
        awaitChained(actor, 1);
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void aRolledBackWriteLeavesTheFailureAndNoSuccess() throws Exception {
        String actor = unique("rolled-back");

        MockHttpServletResponse response = run(request(actor), (req, res) -> {
            try {
                writeData(req, actor, 201, true);
            } catch (IllegalStateException e) {
                res.sendError(409);
            }
        });

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(dataExists(actor)).isFalse();
        assertThat(events(actor)).containsExactly("CREATE FAILED 409");
        awaitChained(actor, 1);
    }

    @Test
    void anAnswerWithAnotherStatusThanRecordedGetsItsOwnEvent() throws Exception {
        String actor = unique("late-failure");

        MockHttpServletResponse response = run(request(actor), (req, res) -> {
            writeData(req, actor, 201, false);
            throw new ServletException("the answer could not be written"); // after the commit
        });

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(dataExists(actor)).isTrue();
        assertThat(events(actor)).containsExactlyInAnyOrder("CREATE SUCCESS 201", "CREATE FAILED 500");
    }

    @Test
    void addendaAreWrittenWithTheAnswersRecordBeforeItLeaves() throws Exception {
        String actor = unique("reader");
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Observation");
        request.setAttribute(RequestAttributes.PRINCIPAL, principal(actor));

        MockHttpServletResponse response = run(request, (req, res) -> {
            AuditAddenda.of(req).orElseThrow().add(() -> List.of(
                    new AuditEntry("SYSTEM", actor, "fac-0101", Set.of(), "EN-1", AuditAction.READ,
                            "access-decision CLINICAL from fac-0202", AuditOutcome.SUCCESS, 0, "TREAT", null, "consent c-1")));
            res.setStatus(200);
            res.getWriter().write("{}");
            // Written before the first byte left: both events are committed by now.
            assertThat(events(actor)).containsExactly("SEARCH SUCCESS 200", "READ SUCCESS 0");
        });

        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void addendaThatCannotBeWrittenFailTheRequestBeforeAnyAnswer() {
        String actor = unique("unwritable");
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Observation");
        request.setAttribute(RequestAttributes.PRINCIPAL, principal(actor));
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThatThrownBy(() -> filter.doFilter(request, response, (req, res) -> {
            AuditAddenda.of((HttpServletRequest) req).orElseThrow().add(() -> List.of(
                    new AuditEntry("SYSTEM", actor, null, Set.of(), null, null, "no action", AuditOutcome.SUCCESS,
                            0, null, null, null)));
            ((HttpServletResponse) res).setStatus(200);
            res.getWriter().write("{}");
        })).isInstanceOf(NullPointerException.class);

        assertThat(response.getContentAsByteArray()).isEmpty();
    }

    @Test
    void concurrentWritersAndPlainAppendsMakeOneVerifiableChain() throws Exception {
        String actor = unique("concurrent");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    if (n % 4 == 0) {
                        trail.record(new AuditEntry("PERSON", actor, "fac-0101", Set.of("DOCTOR"), null, AuditAction.READ,
                                "GET /fhir/Patient/" + n, AuditOutcome.SUCCESS, 200, "TREAT", "192.0.2.1", null));
                        return null;
                    }
                    String marker = actor + "-" + n;
                    run(request(actor), (req, res) -> {
                        writeData(req, marker, 201, n % 7 == 0);
                        res.setStatus(201);
                        res.getWriter().write("{}");
                    });
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // 10 plain reads; 30 writes of which those with n % 7 == 0 (n = 7, 14, 21, 35) rolled back and answered 500.
        awaitChained(actor, 40);
        assertThat(events(actor)).filteredOn(e -> e.startsWith("READ")).hasSize(10);
        assertThat(events(actor)).filteredOn(e -> e.equals("CREATE SUCCESS 201")).hasSize(26);
        assertThat(events(actor)).filteredOn(e -> e.equals("CREATE FAILED 500")).hasSize(4);
        List<Long> seqs = jdbc.sql("SELECT seq FROM hub.audit_event WHERE actor_id = ? ORDER BY seq").param(actor)
                .query(Long.class).list();
        AuditVerification verification = verifier.verify(seqs.get(0), seqs.get(seqs.size() - 1));
        assertThat(verification.violations()).isEmpty();
    }

    /** A data write of a request: one row, the request's audit joined to the transaction, optionally failing. */
    private void writeData(HttpServletRequest request, String marker, int status, boolean fail) {
        dataTransaction.executeWithoutResult(tx -> {
            jdbc.sql("INSERT INTO public.audit_with_data_probe (marker) VALUES (?)").param(marker).update();
            auditWithData.joinCurrentTransaction(request, status);
            if (fail) {
                throw new IllegalStateException("the write fails before its commit");
            }
        });
    }

    /** What the rest of the hub does with a request behind the audit filter. */
    @FunctionalInterface
    private interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException;
    }

    private MockHttpServletResponse run(MockHttpServletRequest request, Handler handler) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            filter.doFilter(request, response,
                    (req, res) -> handler.handle((HttpServletRequest) req, (HttpServletResponse) res));
        } catch (ServletException | RuntimeException e) {
            // The container answers 500; the filter has recorded that.
        }
        return response;
    }

    private static MockHttpServletRequest request(String actor) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/fhir/Observation");
        request.setAttribute(RequestAttributes.PRINCIPAL, principal(actor));
        request.setRemoteAddr("192.0.2.44");
        return request;
    }

    private static HubPrincipal principal(String actor) {
        return new HubPrincipal(HubPrincipal.Kind.SYSTEM, actor, "gateway", "fac-0101", Set.of(HubRole.GATEWAY));
    }

    private boolean dataExists(String marker) {
        return jdbc.sql("SELECT count(*) FROM public.audit_with_data_probe WHERE marker = ?").param(marker)
                .query(Long.class).single() == 1;
    }

    /** The actor's events, chained or pending, as "action outcome status", chained ones first in chain order. */
    private List<String> events(String actor) {
        return jdbc.sql("SELECT action || ' ' || outcome || ' ' || status FROM (SELECT seq AS ord, action, outcome, status"
                        + " FROM hub.audit_event WHERE actor_id = :a UNION ALL SELECT 9223372036854775807 - 100000 + id,"
                        + " action, outcome, status FROM hub.audit_pending WHERE actor_id = :a) e ORDER BY ord")
                .param("a", actor).query(String.class).list();
    }

    private void awaitChained(String actor, int count) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            long pending = jdbc.sql("SELECT count(*) FROM hub.audit_pending WHERE actor_id = ?").param(actor)
                    .query(Long.class).single();
            long chained = jdbc.sql("SELECT count(*) FROM hub.audit_event WHERE actor_id = ?").param(actor)
                    .query(Long.class).single();
            if (pending == 0 && chained == count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not chained within 15 s: " + events(actor));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
