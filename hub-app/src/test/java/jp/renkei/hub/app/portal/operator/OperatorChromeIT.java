package jp.renkei.hub.app.portal.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.PortalChrome;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.gateway.hl7.Iso2022Jp;
import jp.renkei.hub.gateway.mllp.MllpConfig;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The hub operator in a real browser (headless Debian chromium): logs in with the two-factor code, registers a
 * facility's application, approves and activates it and sees its history, verifies the audit chain (htmx), and
 * opens the ingest quarantine with a malformed message pushed by the hospital's gateway. axe-core checks every
 * page; the documentation's screenshots come from here.
 */
@HubIntegrationTest
class OperatorChromeIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    FacilityRegistry registry;
    @Autowired
    MllpConfig.MllpListener listener;

    @Test
    void theOperatorRegistersApprovesAndActivatesAFacilityVerifiesTheAuditTrailAndOpensTheQuarantine() throws Exception {
        String operatorFacility = registry.list(null, FacilityKind.HUB_OPERATOR, null).get(0).id();
        TestPeople.Person operator = TestPeople.person(context, operatorFacility, Profession.HUB_ADMIN, true, true);
        String controlId = "OPCH" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        assertThat(OperatorPortalIT.push(listener, Iso2022Jp.encode(OperatorPortalIT.malformed(controlId))))
                .contains("MSA|AE");
        String name = "あさひ台クリニック " + UUID.randomUUID().toString().substring(0, 4);

        try (PortalChrome chrome = PortalChrome.open(port)) {
            chrome.logIn(context, operator, null);
            assertThat(chrome.pageText()).contains("ハブ運用");
            chrome.click("ハブ運用").waitForText("新しい参加申請を登録する");
            assertThat(chrome.path()).isEqualTo("/portal/operator/facilities");

            chrome.click("新しい参加申請を登録する").waitForText("申請を登録する");
            chrome.assertAccessible();
            new Select(chrome.find(By.id("kind"))).selectByValue("CLINIC");
            Map<String, String> fields = Map.of("medicalInstitutionCode", OperatorPortalIT.newHospitalCode(),
                    "name", name, "nameKana", "アサヒダイクリニック", "region", "県中", "postalCode", "963-8001",
                    "prefecture", "福島県", "city", "郡山市", "line", "朝日1-2-3", "phone", "024-923-0000",
                    "email", "info@asahidai.example.jp");
            fields.forEach(chrome::type);
            chrome.click("申請を登録する").waitForText("参加申請を登録しました。");
            assertThat(chrome.path()).startsWith("/portal/operator/facilities/");
            assertThat(chrome.mainText()).contains(name, "参加申請を登録しました。", "申請中");

            chrome.click("申請を承認する").waitForText("申請を承認しました。");
            assertThat(chrome.mainText()).contains("申請を承認しました。", "申請中 → 承認済");
            chrome.click("稼働を開始する").waitForText("稼働中にしました。");
            String page = chrome.mainText();
            assertThat(page).contains("稼働中にしました。", "申請 (申請中)", "申請中 → 承認済", "承認済 → 稼働中",
                    operator.login(), "利用を停止する", "脱退の手続きをする");
            chrome.assertAccessible();
            Facility facility = registry.list(null, null, null).stream().filter(f -> f.details().name().equals(name))
                    .findFirst().orElseThrow();
            assertThat(facility.status()).isEqualTo(FacilityStatus.ACTIVE);
            assertThat(registry.history(facility.id())).hasSize(3);

            chrome.go("/portal/operator/facilities");
            assertThat(chrome.mainText()).contains(name, "稼働中");
            chrome.assertAccessible();
            chrome.screenshot("operator-facilities");

            chrome.click("監査証跡").waitForText("ハッシュチェーンを検証する");
            assertThat(chrome.path()).isEqualTo("/portal/operator/audit");
            chrome.assertAccessible();
            chrome.click("ハッシュチェーンを検証する");
            chrome.waitForText("改ざんは検出されませんでした");
            assertThat(chrome.path()).as("verified in place by htmx").isEqualTo("/portal/operator/audit");
            assertThat(chrome.mainText()).containsPattern("改ざんは検出されませんでした \\([\\d,]+件を検証\\)");
            chrome.assertAccessible();
            chrome.screenshot("operator-audit");

            chrome.click("取り込み保留").waitForText(controlId);
            assertThat(chrome.mainText()).contains(controlId, "日付・時刻「20111399103059」が正しくありません。");
            chrome.assertAccessible();
            chrome.screenshot("operator-quarantine");
            chrome.find(By.xpath("//tr[.//*[contains(., '" + controlId + "')]]//a")).click();
            chrome.waitForText("患者^太郎");
            assertThat(chrome.mainText()).contains("患者^太郎", "MSH|^~\\&|HIS123");
            chrome.assertAccessible();
            chrome.click("再処理する").waitForText("再処理を実行する");
            chrome.assertAccessible();
            chrome.click("再処理を実行する").waitForText("再処理の結果");
            assertThat(chrome.mainText()).contains("再処理しましたが、また取り込めませんでした。");
            chrome.assertAccessible();
        }
    }
}
