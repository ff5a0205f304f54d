package jp.renkei.hub.core.arrival;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When data last arrived from each facility, per {@link DataChannel} (hub.data_arrival). The storing modules call
 * {@link #record} after they stored something; it costs them at most one tiny write per facility and channel every
 * {@link #RESOLUTION} on each hub node (the time is kept to that resolution), in its own short transaction, so it
 * never holds a lock inside an ingest transaction and never fails the store that called it.
 */
@Service
public class DataArrivals {

    /** Arrivals closer together than this are one write: the status shows minutes, not milliseconds. */
    public static final Duration RESOLUTION = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(DataArrivals.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final Map<String, Instant> written = new ConcurrentHashMap<>();

    public DataArrivals(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Data from the facility has just been stored; never throws (the data is stored either way). */
    public void record(String facilityId, DataChannel channel) {
        if (facilityId == null || channel == null) {
            return;
        }
        Instant now = clock.instant();
        String key = channel + "\n" + facilityId;
        Instant last = written.get(key);
        if (last != null && now.isBefore(last.plus(RESOLUTION))) {
            return;
        }
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                            INSERT INTO hub.data_arrival (facility_id, channel, last_at) VALUES (:facility, :channel, :now)
                            ON CONFLICT (facility_id, channel) DO UPDATE SET last_at = EXCLUDED.last_at
                            WHERE data_arrival.last_at < EXCLUDED.last_at""")
                    .param("facility", facilityId)
                    .param("channel", channel.name())
                    .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .update());
            written.put(key, now);
        } catch (RuntimeException e) {
            log.warn("Could not record the arrival of {} data from facility {}", channel, facilityId, e);
        }
    }

    /** The facility's last arrival per channel; a channel without any is absent. */
    public Map<DataChannel, Instant> lastOf(String facilityId) {
        Map<DataChannel, Instant> last = new EnumMap<>(DataChannel.class);
        jdbc.sql("SELECT channel, last_at FROM hub.data_arrival WHERE facility_id = :facility")
                .param("facility", facilityId)
                .query((ResultSet rs) -> {
                    last.put(DataChannel.valueOf(rs.getString("channel")), instant(rs));
                });
        return last;
    }

    /** Every facility's last arrivals, by facility ID. */
    public Map<String, Map<DataChannel, Instant>> all() {
        Map<String, Map<DataChannel, Instant>> all = new HashMap<>();
        jdbc.sql("SELECT facility_id, channel, last_at FROM hub.data_arrival")
                .query((ResultSet rs) -> {
                    all.computeIfAbsent(rs.getString("facility_id"), f -> new EnumMap<>(DataChannel.class))
                            .put(DataChannel.valueOf(rs.getString("channel")), instant(rs));
                });
        return all;
    }

    private static Instant instant(ResultSet rs) throws SQLException {
        return rs.getObject("last_at", OffsetDateTime.class).toInstant();
    }
}
