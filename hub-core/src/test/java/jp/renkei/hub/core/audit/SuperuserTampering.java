package jp.renkei.hub.core.audit;

import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tampering as a database superuser would do it, verified from inside the same transaction and then rolled back,
 * so the chain other tests share is never left broken, even when an assertion fails.
 */
final class SuperuserTampering {

    private SuperuserTampering() {
    }

    static AuditVerification tamperedAndVerified(PlatformTransactionManager transactions, JdbcClient jdbc,
                                                 Supplier<AuditVerification> verification, String... statements) {
        TransactionTemplate superuser = new TransactionTemplate(transactions);
        return superuser.execute(status -> {
            status.setRollbackOnly();
            // A superuser bypasses the append-only triggers for this transaction only; unlike ALTER TABLE this
            // takes no table lock, so the hub (and its request audit) keeps appending meanwhile, as in reality.
            jdbc.sql("SET LOCAL session_replication_role = replica").update();
            for (String statement : statements) {
                jdbc.sql(statement).update();
            }
            return verification.get();
        });
    }
}
