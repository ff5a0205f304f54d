package jp.renkei.hub.vpn.status;

import java.util.List;
import java.util.Optional;

import jp.renkei.hub.vpn.expiry.CertificateState;
import jp.renkei.hub.vpn.status.ChecklistItem.Check;

/**
 * A site's onboarding checklist: it is live only when its router certificate is valid, its tunnel is established,
 * its gateway holds a valid client certificate and its DICOM AE title is registered. Pure rules; the inputs come
 * from strongSwan, the device registry and the facility registry.
 */
public record OnboardingChecklist(boolean live, List<ChecklistItem> items) {

    public OnboardingChecklist {
        items = List.copyOf(items);
    }

    public static OnboardingChecklist evaluate(SiteTunnelStatus.State tunnel, Optional<CertificateState> router,
                                               List<CertificateState> gateways, List<String> aeTitles) {
        List<ChecklistItem> items = List.of(routerItem(router), tunnelItem(tunnel, router), gatewayItem(gateways),
                aeItem(aeTitles));
        return new OnboardingChecklist(items.stream().allMatch(ChecklistItem::done), items);
    }

    private static ChecklistItem routerItem(Optional<CertificateState> router) {
        if (router.isEmpty()) {
            return ChecklistItem.todo(Check.ROUTER_CERTIFICATE, "登録用トークンを発行し、ルーターの CSR を送って"
                    + "ルーター証明書を受け取ってください。");
        }
        if (!router.get().valid()) {
            return ChecklistItem.todo(Check.ROUTER_CERTIFICATE, "ルーター証明書の有効期限が切れています。更新用トークンを"
                    + "発行するか CSR を送って証明書を更新し、ルーターに入れてください。");
        }
        return ChecklistItem.done(Check.ROUTER_CERTIFICATE);
    }

    private static ChecklistItem tunnelItem(SiteTunnelStatus.State tunnel, Optional<CertificateState> router) {
        return switch (tunnel) {
            case ESTABLISHED -> ChecklistItem.done(Check.TUNNEL);
            case NOT_CONFIGURED -> ChecklistItem.todo(Check.TUNNEL, router.isEmpty()
                    ? "ルーター証明書が発行されると、ハブ側の接続が設定されます。"
                    : "施設が稼働中 (ACTIVE) になると、ハブ側の接続が設定されます。運用担当者に確認してください。");
            case CONNECTING -> ChecklistItem.todo(Check.TUNNEL, "接続処理中です。しばらく待っても確立しない場合は、"
                    + "ルーターの証明書と設定ファイル (zip) の内容を確認してください。");
            case DOWN -> ChecklistItem.todo(Check.TUNNEL, "トンネルが確立していません。ルーターの電源と回線、"
                    + "設定ファイル (zip) どおりに設定されているかを確認し、ルーターから接続してください。");
        };
    }

    private static ChecklistItem gatewayItem(List<CertificateState> gateways) {
        if (gateways.stream().anyMatch(CertificateState::valid)) {
            return ChecklistItem.done(Check.GATEWAY_CERTIFICATE);
        }
        return ChecklistItem.todo(Check.GATEWAY_CERTIFICATE, gateways.isEmpty()
                ? "施設管理の「機器」で、ゲートウェイ (種類 GATEWAY) を登録してクライアント証明書を発行してください。"
                : "ゲートウェイのクライアント証明書の有効期限が切れています。施設管理の「機器」で新しい CSR から"
                        + "証明書を発行し直してください。");
    }

    private static ChecklistItem aeItem(List<String> aeTitles) {
        if (!aeTitles.isEmpty()) {
            return ChecklistItem.done(Check.DICOM_AE_TITLE);
        }
        return ChecklistItem.todo(Check.DICOM_AE_TITLE, "施設情報に、画像を送る装置の DICOM AE タイトルを登録してください"
                + " (運用担当者の施設画面、または施設情報の変更 API の aeTitles)。");
    }
}
