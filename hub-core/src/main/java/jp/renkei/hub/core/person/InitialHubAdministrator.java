package jp.renkei.hub.core.person;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityApplication;
import jp.renkei.hub.core.facility.FacilityContact;
import jp.renkei.hub.core.facility.FacilityDetails;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.facility.PostalAddress;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the first start of a hub, registers the hub operator's own facility and invites its first hub
 * administrator. There is no default password: the one-time activation code is written to
 * {@code ${renkei.home}/initial-admin.txt}, readable only by the account running the hub, and the
 * administrator must then enrol two-factor authentication like every administrator.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "renkei.auth.initial-admin.enabled", havingValue = "true", matchIfMissing = true)
public class InitialHubAdministrator implements ApplicationRunner {

    static final String ACTOR = "hub-bootstrap";
    /** The hub itself, acting once with hub-administrator rights to create the first hub administrator. */
    private static final HubPrincipal BOOTSTRAP = new HubPrincipal(HubPrincipal.Kind.SYSTEM, ACTOR, "hub bootstrap", null,
            Set.of(HubRole.HUB_ADMIN));
    private static final Logger log = LoggerFactory.getLogger(InitialHubAdministrator.class);

    private final FacilityRegistry facilities;
    private final PersonAccounts accounts;
    private final PersonStore people;
    private final Path home;
    private final String login;
    private final int port;
    private final int passwordMinLength;

    public InitialHubAdministrator(FacilityRegistry facilities, PersonAccounts accounts, PersonStore people,
                                   @Value("${renkei.home}") Path home,
                                   @Value("${renkei.auth.initial-admin.login:hubadmin}") String login,
                                   @Value("${server.port:8443}") int port,
                                   @Value("${renkei.auth.password-min-length:12}") int passwordMinLength) {
        this.port = port;
        this.passwordMinLength = passwordMinLength;
        this.facilities = facilities;
        this.accounts = accounts;
        this.people = people;
        this.home = home;
        this.login = login;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (people.hasAnyHubAdministrator()) {
            return;
        }
        Facility operator = operatorFacility();
        // An invitation nobody accepted in time is renewed rather than left blocking the hub for good.
        PersonAccounts.Invited invited = people.accountByLogin(login)
                .filter(a -> a.person().status() == PersonStatus.INVITED)
                .map(a -> accounts.renewInvitation(a.person().id()))
                .orElseGet(() -> accounts.invite(operator.id(), new PersonInvitation(login, login + "@renkei-hub.invalid",
                        "連携ハブ管理者", "レンケイハブカンリシャ", Profession.HUB_ADMIN, true), BOOTSTRAP));
        Path file = home.resolve("initial-admin.txt");
        write(file, """
                Renkei Hub: first hub administrator
                login:           %s
                activation code: %s (valid until %s)
                facility:        %s (%s)

                In a browser: open https://localhost:%d/portal/login/activate, enter the login and the activation
                code, choose a password of at least %d characters with letters and digits, then log in and scan the
                QR code with an authenticator app (two-factor authentication is required for administrators).
                Or over the API:
                  curl --cacert %s -H 'Content-Type: application/json' \\
                    -d '{"login":"%s","activationCode":"%s","password":"<new password>"}' \\
                    https://localhost:%d/api/auth/activate
                Delete this file once the account is active.
                """.formatted(login, invited.activationCode(), invited.activationExpiresAt(), operator.details().name(),
                operator.id(), port, passwordMinLength, home.resolve("pki/ca.crt"), login, invited.activationCode(),
                port));
        log.warn("First start: hub administrator '{}' invited; the activation code is in {}", login, file);
    }

    private Facility operatorFacility() {
        List<Facility> existing = facilities.list(null, FacilityKind.HUB_OPERATOR, null);
        Facility operator = existing.isEmpty()
                ? facilities.apply(new FacilityApplication(FacilityKind.HUB_OPERATOR, null, new FacilityDetails(
                        "連携ハブ運営事務局", "レンケイハブウンエイジムキョク",
                        new PostalAddress("000-0000", "未設定", "未設定", "未設定"), "全域",
                        new FacilityContact("000-000-0000", null), List.of())), ACTOR)
                : existing.get(0);
        if (operator.status() == FacilityStatus.APPLIED) {
            operator = facilities.changeStatus(operator.id(), FacilityStatus.APPROVED, "hub operator", ACTOR);
        }
        if (operator.status() == FacilityStatus.APPROVED) {
            operator = facilities.changeStatus(operator.id(), FacilityStatus.ACTIVE, "hub operator", ACTOR);
            log.warn("Registered the hub operator's facility {}: correct its address and contact"
                    + " (PUT /api/admin/facilities/{})", operator.id(), operator.id());
        }
        return operator;
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
