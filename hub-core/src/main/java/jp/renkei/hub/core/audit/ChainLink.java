package jp.renkei.hub.core.audit;

import org.springframework.jdbc.core.RowMapper;

/** The sequence number and hash of one event: what the next event links to. */
record ChainLink(long seq, String hash) {

    /** What the first event of the trail links to. */
    static final ChainLink GENESIS = new ChainLink(0, AuditHash.GENESIS);

    /** Reads columns {@code seq} and {@code hash}. */
    static final RowMapper<ChainLink> MAPPER = (rs, rowNum) -> new ChainLink(rs.getLong("seq"), rs.getString("hash"));
}
