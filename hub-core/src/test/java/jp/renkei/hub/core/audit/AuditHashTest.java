package jp.renkei.hub.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

class AuditHashTest {

    private static final Instant AT = Instant.parse("2025-04-01T00:00:00.123456Z");

    private static AuditRow row(UnaryOperator<Object[]> change) {
        Object[] f = {1L, AT, "PERSON", "dr-1", "fac-1", "DOCTOR,NURSE", "Patient/1", "READ", "GET /fhir/Patient/1",
            "SUCCESS", 200, "TREAT", "192.0.2.1", "detail", AuditHash.GENESIS};
        f = change.apply(f);
        return new AuditRow((Long) f[0], (Instant) f[1], (String) f[2], (String) f[3], (String) f[4], (String) f[5],
                (String) f[6], (String) f[7], (String) f[8], (String) f[9], (Integer) f[10], (String) f[11],
                (String) f[12], (String) f[13], (String) f[14], null);
    }

    private static UnaryOperator<Object[]> set(int index, Object value) {
        return f -> {
            f[index] = value;
            return f;
        };
    }

    @Test
    void isLowercaseHexSha256AndDeterministic() {
        String hash = AuditHash.of(row(f -> f));
        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(AuditHash.of(row(f -> f)));
    }

    @Test
    void everyStoredFieldIsCovered() {
        String original = AuditHash.of(row(f -> f));
        List<UnaryOperator<Object[]>> changes = List.of(
                set(0, 2L), set(1, AT.plusNanos(1000)), set(2, "SYSTEM"), set(3, "dr-2"), set(4, "fac-2"),
                set(5, "DOCTOR"), set(6, "Patient/2"), set(7, "SEARCH"), set(8, "GET /fhir/Patient/2"),
                set(9, "DENIED"), set(10, 403), set(11, "ETREAT"), set(12, "192.0.2.2"), set(13, "other"),
                set(14, "1".repeat(64)));
        for (UnaryOperator<Object[]> change : changes) {
            assertThat(AuditHash.of(row(change))).isNotEqualTo(original);
        }
    }

    @Test
    void nullIsNotEmptyAndFieldBoundariesCount() {
        assertThat(AuditHash.of(row(set(13, null)))).isNotEqualTo(AuditHash.of(row(set(13, ""))));
        String split1 = AuditHash.of(row(f -> {
            f[3] = "ab";
            f[4] = "c";
            return f;
        }));
        String split2 = AuditHash.of(row(f -> {
            f[3] = "a";
            f[4] = "bc";
            return f;
        }));
        assertThat(split1).isNotEqualTo(split2);
    }

    @Test
    void timeIsHashedAtTheMicrosecondsPostgresqlKeeps() {
        assertThat(AuditHash.of(row(set(1, AT.plusNanos(999))))).isEqualTo(AuditHash.of(row(f -> f)));
    }
}
