package jp.renkei.hub.carenet.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Tells members by mail that a room they belong to has posts they have not read: one mail per person per
 * period however many posts there are (batched), at the frequency each chose. The mail carries no patient
 * data at all — no name, no room, no post text — only the count and the link to sign in, because mail leaves
 * the hub's protection (MHLW guideline 6.0: no personal health information in ordinary e-mail).
 */
@Component
public class CareNetMailer {

    private static final Logger log = LoggerFactory.getLogger(CareNetMailer.class);
    static final String SUBJECT = "【連携ハブ】ケアネットに新しい投稿があります";
    static final String IDLE_SUBJECT = "【連携ハブ】1 年間使われていないケアネットの部屋があります";

    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> sender;
    private final CareNetMailProperties properties;
    private final AuditTrail audit;
    private final Clock clock;

    public CareNetMailer(JdbcClient jdbc, ObjectProvider<JavaMailSender> sender, CareNetMailProperties properties,
                         AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** A person with unread new posts whose mail is due. */
    record Due(String personId, String email, String displayName, int posts) {
    }

    /** Sends every mail that is due now; returns how many were sent. */
    public int sendDue() {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            log.debug("care-net mail: no SMTP server configured (spring.mail.host); nothing sent");
            return 0;
        }
        Instant now = clock.instant();
        int sent = 0;
        for (Due due : due(now)) {
            try {
                mail.send(message(due));
            } catch (MailException e) {
                // not marked as sent: the next run tries again
                log.warn("care-net mail to person {} failed: {}", due.personId(), e.getMessage());
                continue;
            }
            jdbc.sql("INSERT INTO hub.care_mail_preference (person_id, frequency, last_sent_at) VALUES (:person,"
                            + " :frequency, :now) ON CONFLICT (person_id) DO UPDATE SET last_sent_at = EXCLUDED.last_sent_at")
                    .param("person", due.personId()).param("frequency", MailFrequency.DEFAULT.name())
                    .param("now", Timestamp.from(now)).update();
            audit.record(new AuditEntry("SYSTEM", "care-net-mailer", null, Set.of(), null, AuditAction.EXECUTE,
                    "care-net mail", AuditOutcome.SUCCESS, 0, null, null,
                    "notified person " + due.personId() + " of " + due.posts() + " unread posts"));
            sent++;
        }
        return sent;
    }

    /**
     * Tells the people (a room's applicant and caretaker) that a room of theirs has had no activity for a year
     * and will be deleted after the support centre's confirmation; which room is not said (its patient's name
     * would be patient data): they see it when they sign in. Returns how many mails were sent.
     */
    public int sendIdleNotice(List<String> personIds) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            return 0;
        }
        int sent = 0;
        for (String personId : personIds.stream().distinct().toList()) {
            var person = jdbc.sql("SELECT email, display_name FROM hub.person WHERE id::text = :id AND status = 'ACTIVE'")
                    .param("id", personId).query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
            if (person.isEmpty()) {
                continue;
            }
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(properties.from());
            message.setTo(person.get()[0]);
            message.setSubject(IDLE_SUBJECT);
            message.setText(person.get()[1] + " 様\n\n"
                    + "ケアネットで申請者または世話役を務めている部屋のうち、1 年以上新しい投稿のない部屋があります。\n"
                    + "地域の支援センターの確認のあと削除されます。残す必要がある場合は、連携ハブにサインインして"
                    + "ご確認のうえ、支援センターにご連絡ください。\n\n" + properties.portalUrl() + "\n\n"
                    + "このメールには利用者の情報を載せていません。（このメールは送信専用です）\n");
            try {
                mail.send(message);
                sent++;
            } catch (MailException e) {
                log.warn("care-net idle-room notice to person {} failed: {}", personId, e.getMessage());
            }
        }
        return sent;
    }

    List<Due> due(Instant now) {
        return jdbc.sql("""
                SELECT m.person_id, p.email, p.display_name, count(DISTINCT post.id) AS posts
                FROM hub.care_room_member m
                JOIN hub.care_room r ON r.id = m.room_id AND r.status = 'OPEN'
                JOIN hub.person p ON p.id::text = m.person_id AND p.status = 'ACTIVE'
                JOIN hub.care_post post ON post.room_id = m.room_id AND post.author_id <> m.person_id
                     AND (m.kind = 'STAFF' OR post.shared_with_family)
                LEFT JOIN hub.care_mail_preference pref ON pref.person_id = m.person_id
                WHERE m.removed_at IS NULL
                  AND post.created_at > COALESCE(pref.last_sent_at, m.added_at)
                  AND NOT EXISTS (SELECT 1 FROM hub.care_read_receipt rr
                                  WHERE rr.post_id = post.id AND rr.person_id = m.person_id)
                  AND COALESCE(pref.frequency, :default) <> 'NEVER'
                  AND (pref.last_sent_at IS NULL OR pref.last_sent_at <= CAST(:now AS timestamptz) - CASE COALESCE(pref.frequency, :default)
                       WHEN 'HOURLY' THEN interval '1 hour' ELSE interval '1 day' END)
                GROUP BY m.person_id, p.email, p.display_name
                ORDER BY m.person_id""")
                .param("default", MailFrequency.DEFAULT.name()).param("now", Timestamp.from(now))
                .query((rs, i) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
                .list();
    }

    private SimpleMailMessage message(Due due) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(due.email());
        message.setSubject(SUBJECT);
        message.setText(due.displayName() + " 様\n\n"
                + "ケアネットの参加している部屋に、まだお読みでない新しい投稿が " + due.posts() + " 件あります。\n"
                + "内容は連携ハブにサインインしてご覧ください。\n\n"
                + properties.portalUrl() + "\n\n"
                + "このメールには利用者の情報を載せていません。通知の頻度は連携ハブで変更できます。\n"
                + "（このメールは送信専用です）\n");
        return message;
    }
}
