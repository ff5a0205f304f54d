package jp.renkei.hub.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletOutputStream;
import jp.renkei.hub.core.audit.AuditTrail;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/** The answer is held back until its audit record has committed, and dropped if the record fails. */
class AuditBeforeCommitResponseTest {

    /** An audit record the test commits (or fails) by hand, and what happened to it. */
    private static final class Record {
        final List<Integer> submittedStatuses = new ArrayList<>();
        int awaits;
        boolean committed;
        RuntimeException failure;

        AuditTrail.Appending submit(MockHttpServletResponse response) {
            submittedStatuses.add(response.getStatus());
            return () -> {
                awaits++;
                if (failure != null) {
                    throw failure;
                }
                committed = true;
                return 1;
            };
        }
    }

    private final MockHttpServletResponse container = new MockHttpServletResponse();
    private final Record record = new Record();
    private final AuditBeforeCommitResponse response =
            new AuditBeforeCommitResponse(container, () -> record.submit(container));

    @Test
    void theRecordIsHandedInAtTheFirstWriteAndTheBodyIsHeldUntilItCommits() throws Exception {
        response.setStatus(200);
        PrintWriter writer = response.getWriter();
        writer.write("{\"resourceType\":");
        assertThat(record.submittedStatuses).containsExactly(200);
        writer.print("\"Bundle\"}");
        writer.println();
        assertThat(record.awaits).isZero();
        assertThat(container.getContentAsString()).isEmpty();

        response.finish(true);

        assertThat(record.committed).isTrue();
        assertThat(container.getContentAsString()).isEqualTo("{\"resourceType\":\"Bundle\"}" + System.lineSeparator());
        assertThat(record.submittedStatuses).hasSize(1);
    }

    @Test
    void theWritersFlushesAfterEveryFieldNeitherEndTheHoldNorReachTheContainer() throws Exception {
        PrintWriter writer = response.getWriter();
        for (int field = 0; field < 50; field++) {
            writer.write("\"f" + field + "\":1,");
            writer.flush(); // what HAPI's JSON writer does after every string field
        }
        assertThat(record.awaits).as("still holding: no wait for the commit yet").isZero();
        assertThat(container.getContentAsString()).isEmpty();
        assertThat(container.isCommitted()).isFalse();

        response.finish(true);

        assertThat(record.committed).isTrue();
        assertThat(container.getContentAsString()).startsWith("\"f0\":1,").endsWith("\"f49\":1,");
    }

    @Test
    void aFlushWaitsForTheCommitBeforeAnythingIsPassedOn() throws Exception {
        ServletOutputStream stream = response.getOutputStream();
        stream.write("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(container.getContentAsByteArray()).isEmpty();

        stream.flush();

        assertThat(record.committed).isTrue();
        assertThat(container.getContentAsString()).isEqualTo("abc");
        stream.write('d');
        assertThat(container.getContentAsString()).isEqualTo("abcd");
    }

    @Test
    void anAnswerLongerThanTheHoldLimitWaitsForTheCommitThereAndStaysInOrder() throws Exception {
        PrintWriter writer = response.getWriter();
        String chunk = "x".repeat(1000);
        StringBuilder expected = new StringBuilder();
        while (expected.length() <= AuditBeforeCommitResponse.HOLD_LIMIT) {
            assertThat(record.awaits).isZero();
            writer.write(chunk);
            expected.append(chunk);
        }
        assertThat(record.committed).isTrue();
        writer.write("end");
        response.finish(true);
        assertThat(container.getContentAsString()).isEqualTo(expected + "end");
    }

    @Test
    void whenTheRecordFailsNothingIsSentNowOrLater() throws Exception {
        record.failure = new IllegalStateException("audit database down");
        PrintWriter writer = response.getWriter();
        writer.write("{\"secret\":true}");

        assertThatThrownBy(() -> response.finish(true)).isSameAs(record.failure);
        writer.flush();
        assertThatThrownBy(response::flushBuffer).isSameAs(record.failure);
        assertThat(container.getContentAsString()).isEmpty();
        assertThat(container.isCommitted()).isFalse();
    }

    @Test
    void aRecordThatCannotEvenBeHandedInStopsTheAnswerToo() throws Exception {
        IllegalStateException refused = new IllegalStateException("no entry");
        AuditBeforeCommitResponse failing = new AuditBeforeCommitResponse(container, () -> {
            throw refused;
        });
        PrintWriter writer = failing.getWriter();
        assertThatThrownBy(() -> writer.write("x")).isSameAs(refused);
        writer.write("y"); // held, never passed on
        assertThatThrownBy(() -> failing.finish(true)).isSameAs(refused);
        assertThat(container.getContentAsString()).isEmpty();
    }

    @Test
    void aFailedRequestDropsWhatWasHeldButIsStillRecorded() throws Exception {
        response.getWriter().write("{\"partial\":");

        response.finish(false);

        assertThat(record.committed).isTrue();
        assertThat(container.getContentAsString()).isEmpty();
    }

    @Test
    void anErrorIsRecordedWithItsStatusAndCommittedBeforeItIsSent() throws Exception {
        response.sendError(403);

        assertThat(record.submittedStatuses).containsExactly(403);
        assertThat(record.committed).isTrue();
        assertThat(container.getStatus()).isEqualTo(403);
    }

    @Test
    void aResponseWithoutBodyIsRecordedAtTheEnd() throws Exception {
        response.setStatus(204);
        assertThat(record.submittedStatuses).isEmpty();

        response.finish(true);

        assertThat(record.submittedStatuses).containsExactly(204);
        assertThat(record.committed).isTrue();
    }
}
