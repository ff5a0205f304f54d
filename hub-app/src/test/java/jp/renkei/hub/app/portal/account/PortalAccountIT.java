package jp.renkei.hub.app.portal.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalBrowser;
import jp.renkei.hub.app.support.PortalBrowser.Page;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.auth.TotpCodes;
import jp.renkei.hub.core.person.PersonStore;
import jp.renkei.hub.core.person.Profession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The person's own account pages over real HTTPS: two-factor enrolment in the login (the QR code decoded from the
 * page's SVG holds the secret that then logs in), the account page, password change with the policy's Japanese
 * messages, and the activation of an invited account.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalAccountIT {

    private static final String SESSION = "__Host-renkei-session";
    private static final Pattern SECRET = Pattern.compile("<code id=\"secret\">([A-Z2-7 ]+)</code>");
    private static final Pattern MODULE = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z");
    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    private String clinicId;

    @BeforeAll
    void facilities() {
        clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
    }

    private PortalBrowser browser() {
        return PortalBrowser.forHub(port, HubIntegrationTest.HOME);
    }

    static Map<String, String> form(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    private static Page password(PortalBrowser browser, String login, String password) {
        Page page = browser.get("/portal/login");
        return browser.post("/portal/login", form("_csrf", page.csrfToken(), "login", login, "password", password));
    }

    private String code(String secret, long offsetSeconds) {
        return context.getBean(TotpCodes.class).codeAt(secret, Instant.now().plusSeconds(offsetSeconds));
    }

    /** The text of the QR code drawn as SVG: its modules read back into a matrix and decoded by ZXing. */
    static String decodeQr(String svg) throws Exception {
        Matcher box = VIEW_BOX.matcher(svg);
        assertThat(box.find()).as("an SVG QR code").isTrue();
        int size = Integer.parseInt(box.group(1));
        int quiet = 4;
        BitMatrix matrix = new BitMatrix(size - 2 * quiet);
        Matcher module = MODULE.matcher(svg);
        while (module.find()) {
            matrix.set(Integer.parseInt(module.group(1)) - quiet, Integer.parseInt(module.group(2)) - quiet);
        }
        return new Decoder().decode(matrix).getText();
    }

    static String secretOf(String otpauth) {
        String query = URI.create(otpauth).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("secret=")) {
                return URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no secret in " + otpauth);
    }

    @Test
    void aDoctorWithoutAuthenticatorEnrolsByTheQrCodeAndIsThenLoggedIn() throws Exception {
        TestPeople.Person doctor = TestPeople.person(context, clinicId, Profession.DOCTOR, false, false);
        PortalBrowser browser = browser();
        Page afterPassword = password(browser, doctor.login(), TestPeople.PASSWORD);
        assertThat(afterPassword.status()).isEqualTo(302);
        assertThat(afterPassword.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/portal/account/two-factor"));
        assertThat(afterPassword.setCookie("__Host-renkei-enrolment")).hasValueSatisfying(c -> assertThat(c)
                .contains("HttpOnly", "Secure", "SameSite=Strict"));

        // the enrolment-only session opens nothing but the account pages
        assertThat(browser.get("/portal/patients").status()).isIn(302, 403);
        assertThat(browser.get("/portal/account").header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/portal/account/two-factor"));
        assertThat(browser.get("/portal/login").header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/portal/account/two-factor"));

        Page enrol = browser.follow(afterPassword);
        assertThat(enrol.status()).isEqualTo(200);
        assertThat(enrol.body()).contains("二要素認証の設定", "<svg", "認証アプリ").doesNotContain("style=", "<script>");
        String otpauth = decodeQr(enrol.body());
        assertThat(otpauth).startsWith("otpauth://totp/").contains(doctor.login());
        Matcher shown = SECRET.matcher(enrol.body());
        assertThat(shown.find()).isTrue();
        String secret = secretOf(otpauth);
        assertThat(shown.group(1)).as("the secret in groups of four").matches("([A-Z2-7]{4} )*[A-Z2-7]{1,4}");
        assertThat(shown.group(1).replace(" ", "")).isEqualTo(secret);
        assertThat(browser.get("/portal/account/two-factor").body()).as("shown again: the same secret")
                .contains(shown.group(1));

        Page wrong = browser.post("/portal/account/two-factor", form("_csrf", enrol.csrfToken(),
                "code", "000000".equals(code(secret, 0)) ? "111111" : "000000"));
        assertThat(wrong.body()).contains("確認コードが一致しません", shown.group(1));

        Page done = browser.post("/portal/account/two-factor", form("_csrf", wrong.csrfToken(),
                "code", code(secret, 0)));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("二要素認証を設定しました", "回復コード");
        assertThat(done.setCookie(SESSION)).isPresent();
        Page home = browser.get("/portal");
        assertThat(home.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/portal/patients"));
        Page account = browser.get("/portal/account");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.body()).contains("設定済み", DemoFacility.CLINIC.name(), doctor.login(), "医師");
        assertThat(context.getBean(PersonStore.class).byId(doctor.id()).orElseThrow().twoFactorEnrolled()).isTrue();

        // the next login asks for the code of the enrolled authenticator
        PortalBrowser again = browser();
        Page totp = password(again, doctor.login(), TestPeople.PASSWORD);
        assertThat(totp.body()).contains("name=\"totp\"");
        Page in = again.post("/portal/login/totp", form("_csrf", totp.csrfToken(), "pendingKey",
                totp.field("pendingKey"), "totp", code(secret, 30)));
        assertThat(in.status()).as(in.body()).isEqualTo(302);
    }

    @Test
    void theAccountPageShowsNameFacilitiesRolesAndTwoFactorStatus() {
        TestPeople.Person clerk = TestPeople.person(context, clinicId, Profession.CLERK, true, true);
        PortalBrowser browser = browser();
        Page totp = password(browser, clerk.login(), TestPeople.PASSWORD);
        browser.post("/portal/login/totp", form("_csrf", totp.csrfToken(), "pendingKey", totp.field("pendingKey"),
                "totp", code(clerk.totpSecret(), 0)));
        Page account = browser.get("/portal/account");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.body()).contains("試験 利用者", clerk.login(), "事務職員", DemoFacility.CLINIC.name(),
                "施設管理者", "設定済み", "パスワードの変更");
    }

    @Test
    void aPasswordChangeNamesThePolicyInJapaneseAndThenNeedsTheNewPassword() {
        TestPeople.Person clerk = TestPeople.person(context, clinicId, Profession.CLERK, false, false);
        PortalBrowser browser = browser();
        assertThat(password(browser, clerk.login(), TestPeople.PASSWORD).status()).isEqualTo(302);
        Page page = browser.get("/portal/account/password");
        assertThat(page.body()).contains("現在のパスワード", "12文字以上");

        Page wrongCurrent = change(browser, page, "Wrong-password-99", "Aozora-hiroba-2027", "Aozora-hiroba-2027");
        assertThat(wrongCurrent.body()).contains("現在のパスワードが正しくありません");
        Page mismatch = change(browser, wrongCurrent, TestPeople.PASSWORD, "Aozora-hiroba-2027", "Aozora-hiroba-2028");
        assertThat(mismatch.body()).contains("一致しません");
        Page tooShort = change(browser, mismatch, TestPeople.PASSWORD, "Short-1", "Short-1");
        assertThat(tooShort.body()).contains("パスワードは12文字以上にしてください");
        Page noDigits = change(browser, tooShort, TestPeople.PASSWORD, "Aozora-hiroba-desu", "Aozora-hiroba-desu");
        assertThat(noDigits.body()).contains("英字と数字の両方");
        Page withLogin = change(browser, noDigits, TestPeople.PASSWORD, clerk.login() + "-2027", clerk.login() + "-2027");
        assertThat(withLogin.body()).contains("ログインIDを含めることはできません");
        assertThat(password(browser(), clerk.login(), TestPeople.PASSWORD).status()).as("still the old password")
                .isEqualTo(302);

        Page changed = change(browser, withLogin, TestPeople.PASSWORD, "Aozora-hiroba-2027", "Aozora-hiroba-2027");
        assertThat(changed.body()).contains("パスワードを変更しました");
        assertThat(browser.get("/portal/account").status()).as("every session ended").isEqualTo(302);
        assertThat(password(browser(), clerk.login(), TestPeople.PASSWORD).body())
                .contains("ログインできませんでした");
        assertThat(password(browser(), clerk.login(), "Aozora-hiroba-2027").status()).isEqualTo(302);
    }

    private static Page change(PortalBrowser browser, Page form, String current, String next, String repeat) {
        return browser.post("/portal/account/password", form("_csrf", form.csrfToken(), "currentPassword", current,
                "newPassword", next, "repeatPassword", repeat));
    }

    @Test
    void theActivationPageIsOpenToAnyoneAndSetsTheFirstPassword() {
        var invited = context.getBean(jp.renkei.hub.core.person.PersonAccounts.class).invite(clinicId,
                new jp.renkei.hub.core.person.PersonInvitation("act-" + java.util.UUID.randomUUID().toString().substring(0, 8),
                        "act-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.jp", "有効 化子", null,
                        Profession.CLERK, false),
                new jp.renkei.hub.core.security.HubPrincipal(jp.renkei.hub.core.security.HubPrincipal.Kind.PERSON,
                        "it", "試験", clinicId, java.util.Set.of(jp.renkei.hub.core.security.HubRole.FACILITY_ADMIN)));
        String login = invited.person().login();
        PortalBrowser browser = browser();
        Page page = browser.get("/portal/login/activate");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("アカウントの有効化", "有効化コード");

        Page wrongCode = activate(browser, page, login, "AAAA-BBBB-CCCC-DDDD", "Aozora-hiroba-2027", "Aozora-hiroba-2027");
        assertThat(wrongCode.body()).contains("有効化コードが正しくないか");
        Page mismatch = activate(browser, wrongCode, login, invited.activationCode(), "Aozora-hiroba-2027", "Aozora-2028");
        assertThat(mismatch.body()).contains("一致しません");
        Page weak = activate(browser, mismatch, login, invited.activationCode(), "short1", "short1");
        assertThat(weak.body()).contains("12文字以上");
        assertThat(password(browser(), login, "short1").body()).contains("ログインできませんでした");

        Page done = activate(browser, weak, login, invited.activationCode().toLowerCase(), "Aozora-hiroba-2027",
                "Aozora-hiroba-2027");
        assertThat(done.body()).contains("アカウントが有効になりました");
        assertThat(password(browser(), login, "Aozora-hiroba-2027").status()).isEqualTo(302);
        Page twice = activate(browser, done, login, invited.activationCode(), "Aozora-hiroba-2028", "Aozora-hiroba-2028");
        assertThat(twice.body()).as("the code works once").contains("有効化コードが正しくないか");
    }

    private static Page activate(PortalBrowser browser, Page form, String login, String code, String password,
                                 String repeat) {
        return browser.post("/portal/login/activate", form("_csrf", form.csrfToken(), "login", login, "code", code,
                "password", password, "repeatPassword", repeat));
    }
}
