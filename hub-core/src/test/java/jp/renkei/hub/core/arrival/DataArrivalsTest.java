package jp.renkei.hub.core.arrival;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jp.renkei.hub.core.testsupport.HubCoreTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

@HubCoreTest
class DataArrivalsTest {

    private static final Instant T0 = Instant.parse("2027-01-10T01:00:00Z");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    private DataArrivals at(Instant now) {
        return new DataArrivals(jdbc, transactions, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void keepsTheLastArrivalPerFacilityAndChannel() {
        String facility = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        assertThat(at(T0).lastOf(facility)).isEmpty();
        at(T0).record(facility, DataChannel.INGEST);
        at(T0.plusSeconds(60)).record(facility, DataChannel.DICOM);
        at(T0.plusSeconds(90)).record(other, DataChannel.INGEST);
        at(T0.plusSeconds(120)).record(facility, DataChannel.INGEST);

        DataArrivals reader = at(T0);
        assertThat(reader.lastOf(facility)).containsEntry(DataChannel.INGEST, T0.plusSeconds(120))
                .containsEntry(DataChannel.DICOM, T0.plusSeconds(60)).hasSize(2);
        assertThat(reader.all().get(other)).containsOnlyKeys(DataChannel.INGEST);
        assertThat(reader.all().get(facility)).isEqualTo(reader.lastOf(facility));
    }

    @Test
    void aLateWriterNeverMovesTheTimeBackAndOneNodeWritesAtMostOncePerResolution() {
        String facility = UUID.randomUUID().toString();
        at(T0.plusSeconds(300)).record(facility, DataChannel.INGEST);
        at(T0).record(facility, DataChannel.INGEST);
        assertThat(at(T0).lastOf(facility)).containsEntry(DataChannel.INGEST, T0.plusSeconds(300));

        MutableClock clock = new MutableClock(T0.plusSeconds(1000));
        DataArrivals node = new DataArrivals(jdbc, transactions, clock);
        node.record(facility, DataChannel.INGEST);
        clock.now = T0.plusSeconds(1005);
        node.record(facility, DataChannel.INGEST);
        assertThat(node.lastOf(facility)).containsEntry(DataChannel.INGEST, T0.plusSeconds(1000));
        clock.now = T0.plusSeconds(1000).plus(DataArrivals.RESOLUTION);
        node.record(facility, DataChannel.INGEST);
        assertThat(node.lastOf(facility)).containsEntry(DataChannel.INGEST, T0.plusSeconds(1000).plus(DataArrivals.RESOLUTION));
    }

    @Test
    void nothingIsRecordedWithoutAFacilityAndAFailedWriteDoesNotThrow() {
        at(T0).record(null, DataChannel.DICOM);
        at(T0).record("f-" + UUID.randomUUID(), null);
        // a facility ID the table cannot take (NUL byte) fails inside record, which only logs
        at(T0).record("bad\u0000id", DataChannel.DICOM);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
