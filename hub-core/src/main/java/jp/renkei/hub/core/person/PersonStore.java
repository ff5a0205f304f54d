package jp.renkei.hub.core.person;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code hub.person} and {@code hub.person_membership}; credentials never leave this package's callers. */
@Repository
public class PersonStore {

    /** A person with the credential state login needs. */
    public record Account(Person person, String passwordHash, int failedLogins, String totpSecret,
                          String totpPendingSecret, long totpLastStep, String activationCodeHash,
                          Instant activationExpiresAt) {
    }

    private final JdbcClient jdbc;

    public PersonStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Person person, String activationCodeHash, Instant activationExpiresAt, String createdBy) {
        jdbc.sql("""
                INSERT INTO hub.person (id, login, email, display_name, name_kana, profession, status,
                    activation_code_hash, activation_expires_at, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.fromString(person.id()), person.login(), person.email(), person.displayName(),
                        person.nameKana(), person.profession().name(), person.status().name(), activationCodeHash,
                        Timestamp.from(activationExpiresAt), Timestamp.from(person.createdAt()), createdBy)
                .update();
    }

    /** Whether a hub administrator exists who is active, or still has an invitation that can be accepted. */
    public boolean hasAnyHubAdministrator() {
        return jdbc.sql("""
                SELECT count(*) FROM hub.person WHERE profession = 'HUB_ADMIN'
                AND (status IN ('ACTIVE', 'LOCKED') OR (status = 'INVITED' AND activation_expires_at > now()))""")
                .query(Long.class).single() > 0;
    }

    public void renewActivation(String id, String activationCodeHash, Instant expiresAt) {
        jdbc.sql("UPDATE hub.person SET activation_code_hash = ?, activation_expires_at = ? WHERE id = ? AND status = 'INVITED'")
                .params(activationCodeHash, Timestamp.from(expiresAt), UUID.fromString(id)).update();
    }

    public void resetTwoFactor(String id) {
        jdbc.sql("UPDATE hub.person SET totp_secret = NULL, totp_pending_secret = NULL WHERE id = ?")
                .param(UUID.fromString(id)).update();
        jdbc.sql("DELETE FROM hub.recovery_code WHERE person_id = ?").param(UUID.fromString(id)).update();
    }

    public boolean loginOrEmailTaken(String login, String email) {
        return jdbc.sql("SELECT count(*) FROM hub.person WHERE lower(login) = lower(?) OR lower(email) = lower(?)")
                .params(login, email).query(Long.class).single() > 0;
    }

    public Optional<Account> accountByLogin(String login) {
        return jdbc.sql("SELECT * FROM hub.person WHERE lower(login) = lower(?)").param(login)
                .query(PersonStore::account).optional();
    }

    public Optional<Account> accountById(String id) {
        return jdbc.sql("SELECT * FROM hub.person WHERE id = ?").param(UUID.fromString(id))
                .query(PersonStore::account).optional();
    }

    /** Locks the row for the rest of the transaction, so concurrent logins count failures correctly. */
    public Optional<Account> accountByLoginForUpdate(String login) {
        return jdbc.sql("SELECT * FROM hub.person WHERE lower(login) = lower(?) FOR UPDATE").param(login)
                .query(PersonStore::account).optional();
    }

    public Optional<Person> byId(String id) {
        return accountById(id).map(Account::person);
    }

    public List<Person> membersOf(String facilityId) {
        return jdbc.sql("""
                SELECT p.* FROM hub.person p JOIN hub.person_membership m ON m.person_id = p.id
                WHERE m.facility_id = ? ORDER BY p.display_name""")
                .param(facilityId).query((rs, n) -> account(rs, n).person()).list();
    }

    /** The IDs of the people who administer the facility. */
    public List<String> adminsOf(String facilityId) {
        return jdbc.sql("SELECT person_id::text FROM hub.person_membership WHERE facility_id = ? AND admin")
                .param(facilityId).query(String.class).list();
    }

    public void activate(String id, String passwordHash, Instant now) {
        jdbc.sql("""
                UPDATE hub.person SET status = 'ACTIVE', password_hash = ?, password_changed_at = ?,
                    activation_code_hash = NULL, activation_expires_at = NULL, failed_logins = 0
                WHERE id = ?""").params(passwordHash, Timestamp.from(now), UUID.fromString(id)).update();
    }

    public void changePassword(String id, String passwordHash, Instant now) {
        jdbc.sql("UPDATE hub.person SET password_hash = ?, password_changed_at = ? WHERE id = ?")
                .params(passwordHash, Timestamp.from(now), UUID.fromString(id)).update();
    }

    public void recordFailedLogin(String id, int failures, boolean lock, Instant now) {
        jdbc.sql("""
                UPDATE hub.person SET failed_logins = ?,
                    status = CASE WHEN ? THEN 'LOCKED' ELSE status END,
                    locked_at = CASE WHEN ? THEN ? ELSE locked_at END
                WHERE id = ?""")
                .params(failures, lock, lock, Timestamp.from(now), UUID.fromString(id)).update();
    }

    public void recordSuccessfulLogin(String id, long totpStep) {
        jdbc.sql("UPDATE hub.person SET failed_logins = 0, totp_last_step = greatest(totp_last_step, ?) WHERE id = ?")
                .params(totpStep, UUID.fromString(id)).update();
    }

    public void setStatus(String id, PersonStatus status) {
        jdbc.sql("""
                UPDATE hub.person SET status = ?, failed_logins = 0,
                    locked_at = CASE WHEN ? = 'LOCKED' THEN now() ELSE NULL END
                WHERE id = ?""").params(status.name(), status.name(), UUID.fromString(id)).update();
    }

    public void setPendingTotpSecret(String id, String secret) {
        jdbc.sql("UPDATE hub.person SET totp_pending_secret = ? WHERE id = ?").params(secret, UUID.fromString(id)).update();
    }

    public void confirmTotp(String id, long step) {
        jdbc.sql("""
                UPDATE hub.person SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_last_step = ?
                WHERE id = ?""").params(step, UUID.fromString(id)).update();
    }

    public void replaceRecoveryCodes(String id, List<String> codeHashes) {
        jdbc.sql("DELETE FROM hub.recovery_code WHERE person_id = ?").param(UUID.fromString(id)).update();
        for (String hash : codeHashes) {
            jdbc.sql("INSERT INTO hub.recovery_code (person_id, code_hash) VALUES (?, ?)")
                    .params(UUID.fromString(id), hash).update();
        }
    }

    /** Marks an unused recovery code used; false when there is no such unused code. */
    public boolean useRecoveryCode(String id, String codeHash) {
        return jdbc.sql("UPDATE hub.recovery_code SET used_at = now() WHERE person_id = ? AND code_hash = ? AND used_at IS NULL")
                .params(UUID.fromString(id), codeHash).update() == 1;
    }

    public List<Membership> memberships(String personId) {
        return jdbc.sql("SELECT person_id, facility_id, admin FROM hub.person_membership WHERE person_id = ? ORDER BY created_at")
                .param(UUID.fromString(personId))
                .query((rs, n) -> new Membership(rs.getString(1), rs.getString(2), rs.getBoolean(3))).list();
    }

    public void removeMembership(String personId, String facilityId) {
        jdbc.sql("DELETE FROM hub.person_membership WHERE person_id = ? AND facility_id = ?")
                .params(UUID.fromString(personId), facilityId).update();
    }

    public void addMembership(Membership membership, String createdBy) {
        jdbc.sql("""
                INSERT INTO hub.person_membership (person_id, facility_id, admin, created_at, created_by)
                VALUES (?, ?, ?, now(), ?)
                ON CONFLICT (person_id, facility_id) DO UPDATE SET admin = excluded.admin""")
                .params(UUID.fromString(membership.personId()), membership.facilityId(), membership.admin(), createdBy)
                .update();
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        Person person = new Person(rs.getString("id"), rs.getString("login"), rs.getString("email"),
                rs.getString("display_name"), rs.getString("name_kana"), Profession.valueOf(rs.getString("profession")),
                PersonStatus.valueOf(rs.getString("status")), rs.getString("totp_secret") != null,
                instant(rs, "password_changed_at"), instant(rs, "created_at"));
        return new Account(person, rs.getString("password_hash"), rs.getInt("failed_logins"),
                rs.getString("totp_secret"), rs.getString("totp_pending_secret"), rs.getLong("totp_last_step"),
                rs.getString("activation_code_hash"), instant(rs, "activation_expires_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
