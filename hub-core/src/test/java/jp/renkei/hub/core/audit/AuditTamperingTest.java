package jp.renkei.hub.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.function.Supplier;

import jp.renkei.hub.core.audit.AuditViolation.Kind;
import jp.renkei.hub.core.testsupport.HubCoreTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Tampering as a database superuser would do it: triggers disabled, rows changed directly. Each tampering
 * runs in a transaction that is verified from inside and then rolled back, so the chain other tests share
 * is never left broken, even when an assertion fails.
 */
@HubCoreTest
class AuditTamperingTest {

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    long first;
    long last;

    @BeforeEach
    void appendFiveEvents() {
        String actor = AuditEntries.unique("victim");
        first = trail.record(AuditEntries.read(actor, "Patient/1"));
        for (int i = 2; i <= 5; i++) {
            last = trail.record(AuditEntries.read(actor, "Patient/" + i));
        }
        assertThat(last).isEqualTo(first + 4);
    }

    @Test
    void theTableRefusesUpdateDeleteAndTruncate() {
        assertThatThrownBy(() -> jdbc.sql("UPDATE hub.audit_event SET detail = 'x' WHERE seq = :seq")
                .param("seq", first).update())
                .isInstanceOf(DataAccessException.class).getRootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM hub.audit_event WHERE seq = :seq").param("seq", first).update())
                .isInstanceOf(DataAccessException.class).getRootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE hub.audit_event").update())
                .isInstanceOf(DataAccessException.class).getRootCause().hasMessageContaining("append-only");

        assertThat(jdbc.sql("SELECT count(*) FROM hub.audit_event WHERE seq BETWEEN :a AND :b")
                .param("a", first).param("b", last).query(Long.class).single()).isEqualTo(5);
        assertThat(verifier.verify(first, last).ok()).isTrue();
    }

    @Test
    void anEditedRowIsTheOnlyOneReportedAndAsEdited() {
        long victim = first + 2;
        AuditVerification verification = tamperedAndVerified(verifier::verify,
                "UPDATE hub.audit_event SET patient_ref = 'Patient/999' WHERE seq = " + victim);

        assertThat(verification.violations()).extracting(AuditViolation::seq, AuditViolation::kind)
                .containsExactly(tuple(victim, Kind.EDITED));
        assertThat(verifier.verify(first, last).ok()).as("rolled back").isTrue();
    }

    @Test
    void anEditedRowWithARecomputedHashBreaksTheLinkToTheNextRow() {
        long victim = first + 2;
        AuditRow original = jdbc.sql("SELECT " + AuditRow.COLUMNS + " FROM hub.audit_event WHERE seq = :seq")
                .param("seq", victim).query(AuditRow.MAPPER).single();
        AuditRow forged = new AuditRow(original.seq(), original.recordedAt(), original.actorKind(),
                original.actorId(), original.facilityId(), original.roles(), "Patient/999", original.action(),
                original.resource(), original.outcome(), original.status(), original.purpose(),
                original.sourceIp(), original.detail(), original.prevHash(), null);

        AuditVerification verification = tamperedAndVerified(() -> verifier.verify(first, last),
                "UPDATE hub.audit_event SET patient_ref = 'Patient/999', hash = '" + AuditHash.of(forged)
                        + "' WHERE seq = " + victim);

        assertThat(verification.violations()).singleElement().satisfies(v -> {
            assertThat(v.seq()).isEqualTo(victim + 1);
            assertThat(v.kind()).isEqualTo(Kind.CHAIN_BROKEN);
            assertThat(v.message()).contains("out of order");
        });
    }

    @Test
    void aDeletedRowIsReportedAtTheNextRowAsMissing() {
        long victim = first + 2;
        AuditVerification verification = tamperedAndVerified(verifier::verify,
                "DELETE FROM hub.audit_event WHERE seq = " + victim);

        assertThat(verification.violations()).singleElement().satisfies(v -> {
            assertThat(v.seq()).isEqualTo(victim + 1);
            assertThat(v.kind()).isEqualTo(Kind.CHAIN_BROKEN);
            assertThat(v.message()).contains("1 row(s) missing before it");
        });
        assertThat(verifier.verify(first, last).ok()).as("rolled back").isTrue();
    }

    @Test
    void aDeletedRowJustBeforeACheckedRangeIsReportedToo() {
        AuditVerification verification = tamperedAndVerified(() -> verifier.verify(first + 1, last),
                "DELETE FROM hub.audit_event WHERE seq = " + first);

        assertThat(verification.violations()).extracting(AuditViolation::seq, AuditViolation::kind)
                .containsExactly(tuple(first + 1, Kind.CHAIN_BROKEN));
    }

    @Test
    void swappedRowsAreReportedAsEditedAndOutOfOrder() {
        long a = first + 1;
        long b = first + 2;
        AuditVerification verification = tamperedAndVerified(() -> verifier.verify(first, last),
                "UPDATE hub.audit_event SET seq = 9223372036854775807 WHERE seq = " + a,
                "UPDATE hub.audit_event SET seq = " + a + " WHERE seq = " + b,
                "UPDATE hub.audit_event SET seq = " + b + " WHERE seq = 9223372036854775807");

        assertThat(verification.ok()).isFalse();
        assertThat(verification.violations())
                .filteredOn(v -> v.kind() == Kind.CHAIN_BROKEN)
                .extracting(AuditViolation::seq).contains(a, b);
        assertThat(verification.violations())
                .filteredOn(v -> v.kind() == Kind.EDITED)
                .extracting(AuditViolation::seq).containsExactly(a, b);
        assertThat(verification.violations()).extracting(AuditViolation::seq).allMatch(seq -> seq >= a && seq <= b + 1);
        assertThat(verifier.verify(first, last).ok()).as("rolled back").isTrue();
    }

    private AuditVerification tamperedAndVerified(Supplier<AuditVerification> verification, String... statements) {
        return SuperuserTampering.tamperedAndVerified(transactions, jdbc, verification, statements);
    }
}
