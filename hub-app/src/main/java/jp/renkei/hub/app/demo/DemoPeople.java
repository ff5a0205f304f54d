package jp.renkei.hub.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.renkei.hub.core.person.PersonAccounts;
import jp.renkei.hub.core.person.PersonInvitation;
import jp.renkei.hub.core.person.PersonStatus;
import jp.renkei.hub.core.person.PersonStore;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The demo network's people, one per everyday role, so that the portal can be tried on first start: each is
 * invited like any person (no default password), and their one-time activation codes are written to
 * {@code <renkei.home>/demo/people.txt} (owner-only) with how to activate in the portal. A person still not
 * activated at a later start gets a fresh code; an activated one is left alone.
 */
@Component
public class DemoPeople {

    /** One demo person: login, profession, facility, name, and whether they also administer the facility. */
    public record DemoPerson(String login, Profession profession, DemoFacility facility, String name, String kana,
                             boolean admin) {
    }

    public static final List<DemoPerson> ALL = List.of(
            new DemoPerson("demo-hospital-doctor", Profession.DOCTOR, DemoFacility.HOSPITAL, "中央 一郎",
                    "チュウオウ イチロウ", false),
            new DemoPerson("demo-hospital-clerk", Profession.CLERK, DemoFacility.HOSPITAL, "窓口 花子",
                    "マドグチ ハナコ", false),
            new DemoPerson("demo-hospital-admin", Profession.FACILITY_ADMIN, DemoFacility.HOSPITAL, "管理 次郎",
                    "カンリ ジロウ", true),
            new DemoPerson("demo-radiologist", Profession.RADIOLOGIST, DemoFacility.HOSPITAL, "読影 三郎",
                    "ドクエイ サブロウ", false),
            new DemoPerson("demo-clinic-doctor", Profession.DOCTOR, DemoFacility.CLINIC, "会津 健",
                    "アイヅ ケン", true),
            new DemoPerson("demo-pharmacist", Profession.PHARMACIST, DemoFacility.PHARMACY, "桜 薬子",
                    "サクラ クスコ", false),
            new DemoPerson("demo-care-manager", Profession.CARE_MANAGER, DemoFacility.CARE_OFFICE, "未来 介",
                    "ミライ カイ", false));

    private static final Logger log = LoggerFactory.getLogger(DemoPeople.class);
    private static final HubPrincipal LOADER = new HubPrincipal(HubPrincipal.Kind.SYSTEM, DemoDataLoader.ACTOR,
            "demo loader", null, Set.of(HubRole.HUB_ADMIN));

    private final PersonAccounts accounts;
    private final PersonStore people;
    private final Path file;
    private final int port;

    public DemoPeople(PersonAccounts accounts, PersonStore people, @Value("${renkei.home}") Path home,
                      @Value("${server.port:8443}") int port) {
        this.accounts = accounts;
        this.people = people;
        this.file = home.resolve("demo/people.txt");
        this.port = port;
    }

    /** Invites whoever is missing, renews codes not yet used, and rewrites the list of logins and codes. */
    public void ensure(Map<DemoFacility, String> facilityIds) {
        List<String> lines = new ArrayList<>();
        int invited = 0;
        for (DemoPerson demo : ALL) {
            String facilityId = facilityIds.get(demo.facility());
            var account = people.accountByLogin(demo.login());
            PersonAccounts.Invited fresh;
            if (account.isEmpty()) {
                try {
                    fresh = accounts.invite(facilityId, new PersonInvitation(demo.login(),
                            demo.login() + "@demo.invalid", demo.name(), demo.kana(), demo.profession(), demo.admin()),
                            LOADER);
                } catch (ApiException e) {
                    // an administrator suspended or withdrew the demo facility: nobody is added to it
                    lines.add(line(demo, "(招待できません / not invited: " + e.getMessage() + ")"));
                    continue;
                }
                invited++;
            } else if (account.get().person().status() == PersonStatus.INVITED) {
                fresh = accounts.renewInvitation(account.get().person().id());
            } else {
                lines.add(line(demo, "(有効化済み / activated)"));
                continue;
            }
            lines.add(line(demo, fresh.activationCode() + "  (有効期限 / valid until "
                    + fresh.activationExpiresAt().truncatedTo(ChronoUnit.MINUTES) + ")"));
        }
        write(lines);
        if (invited > 0) {
            log.warn("Demo people invited: their activation codes are in {}", file);
        }
    }

    private static String line(DemoPerson demo, String code) {
        return String.format("%-22s %-15s %-26s %s", demo.login(), demo.profession()
                + (demo.admin() && demo.profession() != Profession.FACILITY_ADMIN ? "+ADMIN" : ""),
                demo.facility().name(), code);
    }

    private void write(List<String> lines) {
        String text = """
                連携ハブ デモ利用者 (Renkei Hub demo people)

                ブラウザで https://localhost:%d/portal/login/activate を開き、ログインIDと有効化コードを入力して
                パスワード (12文字以上、英字と数字を含む) を決めてください。医療職と管理者は続けて認証アプリ
                (Google Authenticator など) で表示されたQRコードを読み取り、二要素認証を設定します。
                Open https://localhost:%d/portal/login/activate, enter the login and activation code below and
                choose a password; clinicians and administrators then scan the QR code with an authenticator app.

                ログインID              職種            施設                       有効化コード
                %s
                """.formatted(port, port, String.join("\n", lines));
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
