package jp.renkei.hub.app.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.letters.HpkiSamples;
import jp.renkei.hub.app.support.PortalChrome;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.PurposeOfUse;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.regional.letter.Letter;
import jp.renkei.hub.regional.letter.Letters;
import jp.renkei.hub.regional.letter.ReceivedFile;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A received referral letter in a real browser: the JAHIS document signed with the HPKI test certificate arrives at
 * the demo clinic; its doctor opens the inbox, opens the letter and reads the signature check in Japanese (valid,
 * 医師 (Medical Doctor), the signer's name), then acknowledges it. axe-core checks the pages; the screenshot
 * letter comes from here.
 */
@jp.renkei.hub.app.support.HubIntegrationTest
class LetterChromeIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void aDoctorOpensAReceivedLetterAndSeesTheVerifiedHpkiSignature() throws Exception {
        String clinic = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        HpkiSamples.trustTheSignersIssuer();
        Requester desk = new Requester(new HubPrincipal(HubPrincipal.Kind.PERSON, "letter-chrome-it", "試験 受付",
                clinic, Set.of(HubRole.CLERK)), PurposeOfUse.TREAT);
        Letter letter = context.getBean(Letters.class).receive(desk, new ReceivedFile("Prescription-004_01.xml",
                "application/xml", HpkiSamples.prescription(), null, "医療情報大学病院 神楽坂 三十四", "紹介状 (ブラウザ試験)",
                null));
        TestPeople.Person doctor = TestPeople.person(context, clinic, Profession.DOCTOR, false, true);

        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.logIn(context, doctor, null);
            chrome.go("/portal/letters");
            assertThat(chrome.mainText()).contains("紹介状 (ブラウザ試験)", "未読", "署名は有効です");
            chrome.assertAccessible();

            chrome.click("紹介状 (ブラウザ試験)");
            assertThat(chrome.path()).isEqualTo("/portal/letters/" + letter.id());
            String signature = chrome.find(By.id("signature")).getText();
            assertThat(signature).contains("署名は有効です", "医師 (Medical Doctor)", "神楽坂　三十四 (Sanjushi Kagurazaka)",
                    "HPKI-01-MedisSignCA2-forNonRepudiation");
            assertThat(chrome.find(By.id("letter-status")).getText()).isEqualTo("既読");
            chrome.assertAccessible();
            chrome.screenshot("letter");

            chrome.click("受領を確認する");
            assertThat(chrome.find(By.id("letter-status")).getText()).isEqualTo("受領確認済み");
        }
    }
}
