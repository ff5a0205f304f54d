package jp.renkei.hub.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PostgreSQL's write-ahead-log positions ({@code pg_current_wal_lsn()}, e.g. {@code 16/B374D848}) as byte offsets. */
final class WalLsn {

    private static final Pattern LSN = Pattern.compile("([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})");

    private WalLsn() {
    }

    /** The LSN's byte position: the high 32 bits before the slash, the low 32 bits after it, both hexadecimal. */
    static long bytes(String lsn) {
        Matcher matcher = LSN.matcher(lsn == null ? "" : lsn.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a PostgreSQL LSN: " + lsn);
        }
        return (Long.parseLong(matcher.group(1), 16) << 32) | Long.parseLong(matcher.group(2), 16);
    }
}
