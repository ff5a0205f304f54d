package jp.renkei.hub.vpn.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jp.renkei.hub.vpn.expiry.CertificateStage;
import jp.renkei.hub.vpn.expiry.CertificateState;
import jp.renkei.hub.vpn.status.ChecklistItem.Check;
import jp.renkei.hub.vpn.status.SiteTunnelStatus.State;
import org.junit.jupiter.api.Test;

class OnboardingChecklistTest {

    private static final Instant END = Instant.parse("2027-06-30T15:00:00Z");
    private static final CertificateState ROUTER = new CertificateState("vpn-router", "01", END, CertificateStage.VALID, 200);
    private static final CertificateState ROUTER_DUE = new CertificateState("vpn-router", "02", END, CertificateStage.URGENT, 3);
    private static final CertificateState ROUTER_EXPIRED = new CertificateState("vpn-router", "03", END, CertificateStage.EXPIRED, -2);
    private static final CertificateState GATEWAY = new CertificateState("gw-1", "04", END, CertificateStage.VALID, 200);
    private static final CertificateState GATEWAY_EXPIRED = new CertificateState("gw-0", "05", END, CertificateStage.EXPIRED, -30);

    @Test
    void aSiteIsLiveOnlyWithRouterCertificateTunnelGatewayCertificateAndAeTitle() {
        OnboardingChecklist live = OnboardingChecklist.evaluate(State.ESTABLISHED, Optional.of(ROUTER), List.of(GATEWAY),
                List.of("CLINIC_PACS"));
        assertThat(live.live()).isTrue();
        assertThat(live.items()).extracting(ChecklistItem::check).containsExactly(Check.ROUTER_CERTIFICATE, Check.TUNNEL,
                Check.GATEWAY_CERTIFICATE, Check.DICOM_AE_TITLE);
        assertThat(live.items()).allSatisfy(item -> {
            assertThat(item.done()).isTrue();
            assertThat(item.nextStep()).isNull();
        });
        // a router certificate due for renewal but not expired still counts
        assertThat(OnboardingChecklist.evaluate(State.ESTABLISHED, Optional.of(ROUTER_DUE), List.of(GATEWAY),
                List.of("CLINIC_PACS")).live()).isTrue();
    }

    @Test
    void eachMissingPieceAloneKeepsTheSiteFromBeingLiveAndSaysWhatToDoInJapanese() {
        assertMissing(OnboardingChecklist.evaluate(State.DOWN, Optional.of(ROUTER), List.of(GATEWAY), List.of("A")),
                Check.TUNNEL, "ルーターの電源と回線");
        assertMissing(OnboardingChecklist.evaluate(State.CONNECTING, Optional.of(ROUTER), List.of(GATEWAY), List.of("A")),
                Check.TUNNEL, "接続処理中");
        assertMissing(OnboardingChecklist.evaluate(State.ESTABLISHED, Optional.of(ROUTER), List.of(), List.of("A")),
                Check.GATEWAY_CERTIFICATE, "ゲートウェイ (種類 GATEWAY) を登録");
        assertMissing(OnboardingChecklist.evaluate(State.ESTABLISHED, Optional.of(ROUTER), List.of(GATEWAY_EXPIRED),
                List.of("A")), Check.GATEWAY_CERTIFICATE, "有効期限が切れています");
        assertMissing(OnboardingChecklist.evaluate(State.ESTABLISHED, Optional.of(ROUTER), List.of(GATEWAY), List.of()),
                Check.DICOM_AE_TITLE, "AE タイトルを登録");
        // an established SA with an expired router certificate is not live: its next reauthentication fails
        assertMissing(OnboardingChecklist.evaluate(State.ESTABLISHED, Optional.of(ROUTER_EXPIRED), List.of(GATEWAY),
                List.of("A")), Check.ROUTER_CERTIFICATE, "更新");
    }

    @Test
    void aNewSiteListsEveryStepAndOneValidGatewayAmongExpiredOnesIsEnough() {
        OnboardingChecklist fresh = OnboardingChecklist.evaluate(State.NOT_CONFIGURED, Optional.empty(), List.of(),
                List.of());
        assertThat(fresh.live()).isFalse();
        assertThat(fresh.items()).noneMatch(ChecklistItem::done);
        assertThat(fresh.items().get(0).nextStep()).contains("登録用トークンを発行");
        assertThat(fresh.items().get(1).nextStep()).contains("ルーター証明書が発行されると");
        assertThat(OnboardingChecklist.evaluate(State.ESTABLISHED, Optional.of(ROUTER), List.of(GATEWAY_EXPIRED, GATEWAY),
                List.of("A")).live()).isTrue();
    }

    private static void assertMissing(OnboardingChecklist checklist, Check missing, String nextStep) {
        assertThat(checklist.live()).isFalse();
        assertThat(checklist.items()).filteredOn(item -> !item.done()).singleElement().satisfies(item -> {
            assertThat(item.check()).isEqualTo(missing);
            assertThat(item.nextStep()).contains(nextStep);
        });
    }
}
