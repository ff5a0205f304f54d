package jp.renkei.hub.app.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalChrome;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.auth.TotpCodes;
import jp.renkei.hub.core.person.Profession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Facility administration and a new person's first login in a real browser (headless Debian chromium): the
 * clinic's administrator invites a nurse and reads the activation code off the page; the nurse, in a fresh
 * browser, activates the account, logs in, enrols an authenticator with the secret shown beside the QR code and is
 * logged in. axe-core checks the people list, the invitation and the enrolment pages; the documentation's
 * screenshots come from here.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FacilityAdminChromeIT {

    private static final String NEW_PASSWORD = "Aozora-hiroba-2027";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    private String clinicId;

    @BeforeAll
    void facilities() {
        clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
    }

    @Test
    void anAdministratorInvitesANurseWhoActivatesEnrolsTotpAndIsLoggedIn() {
        TestPeople.Person admin = TestPeople.person(context, clinicId, Profession.FACILITY_ADMIN, true, true);
        String login = "nurse-" + UUID.randomUUID().toString().substring(0, 8);
        String code;
        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.logIn(context, admin, null);
            chrome.go("/portal/facility");
            assertThat(chrome.path()).isEqualTo("/portal/facility/people");
            assertThat(chrome.mainText()).contains("この施設の職員", "職員を招待する");
            chrome.assertAccessible();

            chrome.click("職員を招待する");
            assertThat(chrome.path()).isEqualTo("/portal/facility/people/invite");
            chrome.assertAccessible();
            chrome.type("displayName", "連携 花子").type("nameKana", "レンケイ ハナコ").type("login", login)
                    .type("email", login + "@example.jp");
            new Select(chrome.find(By.id("profession"))).selectByValue("NURSE");
            chrome.clickAndWait(chrome.find(By.cssSelector("main form button[type=submit]")));
            assertThat(chrome.mainText()).contains("職員を招待しました", login);
            code = chrome.find(By.id("activation-code")).getText();
            assertThat(code).matches("[A-Z0-9]{4}(-[A-Z0-9]{4}){3}");
            chrome.assertAccessible();

            chrome.go("/portal/facility/people");
            assertThat(chrome.mainText()).contains(login, "招待中");
            chrome.screenshot("facility-people");
        }

        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.go("/portal/login/activate");
            chrome.assertAccessible();
            chrome.type("login", login).type("code", code).type("password", NEW_PASSWORD)
                    .type("repeatPassword", NEW_PASSWORD);
            chrome.clickAndWait(chrome.find(By.cssSelector("main form button[type=submit]")));
            assertThat(chrome.mainText()).contains("アカウントが有効になりました");

            chrome.click("ログイン画面へ");
            chrome.type("login", login).type("password", NEW_PASSWORD);
            chrome.clickAndWait(chrome.find(By.cssSelector("main form button[type=submit]")));
            assertThat(chrome.path()).isEqualTo("/portal/account/two-factor");
            assertThat(chrome.mainText()).contains("二要素認証の設定", "QRコード");
            assertThat(chrome.findAll(By.cssSelector("main svg.qr-code"))).hasSize(1);
            chrome.assertAccessible();
            chrome.screenshot("account-totp");

            String secret = chrome.find(By.id("secret")).getText().replace(" ", "");
            chrome.type("code", context.getBean(TotpCodes.class).codeAt(secret, Instant.now()));
            chrome.clickAndWait(chrome.find(By.cssSelector("main form button[type=submit]")));
            assertThat(chrome.mainText()).contains("二要素認証を設定しました", "回復コード");
            chrome.assertAccessible();

            chrome.click("続ける");
            assertThat(chrome.path()).isEqualTo("/portal/patients");
            assertThat(chrome.pageText()).contains(DemoFacility.CLINIC.name(), "ログアウト");
            chrome.go("/portal/account");
            assertThat(chrome.mainText()).contains(login, "看護師", "設定済み");
            chrome.assertAccessible();
        }
    }
}
