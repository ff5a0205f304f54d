package jp.renkei.hub.carenet.mail;

import jp.renkei.hub.carenet.CareNetAudit;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each person's own choice of how often care-net mails them. */
@Service
@Transactional
public class MailPreferences {

    private final JdbcClient jdbc;
    private final CareNetAudit audit;

    public MailPreferences(JdbcClient jdbc, CareNetAudit audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public MailFrequency get(Requester requester) {
        return jdbc.sql("SELECT frequency FROM hub.care_mail_preference WHERE person_id = :person")
                .param("person", requester.id()).query(String.class).optional()
                .map(MailFrequency::valueOf).orElse(MailFrequency.DEFAULT);
    }

    public MailFrequency set(MailFrequency frequency, Requester requester) {
        if (frequency == null) {
            throw ApiException.invalid("frequency", "通知の頻度を選んでください: NEVER, HOURLY, DAILY");
        }
        jdbc.sql("INSERT INTO hub.care_mail_preference (person_id, frequency) VALUES (:person, :frequency)"
                        + " ON CONFLICT (person_id) DO UPDATE SET frequency = EXCLUDED.frequency")
                .param("person", requester.id()).param("frequency", frequency.name()).update();
        audit.record(requester, AuditAction.UPDATE, null, "mail preference", "mail frequency set to " + frequency);
        return frequency;
    }
}
