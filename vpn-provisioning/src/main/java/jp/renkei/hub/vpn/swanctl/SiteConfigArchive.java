package jp.renkei.hub.vpn.swanctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jp.renkei.hub.vpn.site.IpPrefix;
import jp.renkei.hub.vpn.site.RouterKind;
import jp.renkei.hub.vpn.site.Site;

/**
 * Everything a site needs for its router, as one zip: the swanctl directory (swanctl.conf and the hub CA), a
 * parameter sheet for routers that are not strongSwan, and a short README in Japanese.
 */
public final class SiteConfigArchive {

    private SiteConfigArchive() {
    }

    /** The archive's entries by path, in order (a path ending in "/" is a directory); {@link #zip} packs them. */
    public static Map<String, String> entries(Site site, SwanctlGenerator generator, String caCertificatePem,
                                              String hubAddress, String hubIdentity, String hubPrefixes) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("README-ja.txt", readme(site, hubAddress));
        entries.put("parameter-sheet-ja.txt", parameterSheet(site, hubAddress, hubIdentity, hubPrefixes));
        if (site.routerKind() == RouterKind.STRONGSWAN) {
            entries.put("swanctl/swanctl.conf", generator.siteConfiguration(site));
        }
        // Every credential directory, empty ones included: swanctl warns about each one that is missing.
        for (String directory : HubSwanctlDirectory.CREDENTIAL_DIRECTORIES) {
            entries.put("swanctl/" + directory + "/", "");
        }
        entries.put("swanctl/x509ca/" + SwanctlGenerator.CA_FILE, caCertificatePem);
        return entries;
    }

    public static byte[] zip(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String readme(Site site, String hubAddress) {
        String steps = site.routerKind() == RouterKind.STRONGSWAN ? """
                1. swanctl/ の中身をルーターの /etc/swanctl/ にコピーします。
                2. 登録で受け取ったルーター証明書を /etc/swanctl/x509/%s に、秘密鍵を /etc/swanctl/private/%s に
                   置きます (秘密鍵は chmod 600)。PKCS#12 で受け取った場合は、一度だけ表示されたパスワードで
                   openssl pkcs12 -in router.p12 -clcerts -nokeys -out router.crt と
                   openssl pkcs12 -in router.p12 -nocerts -nodes -out router.key を実行して取り出します。
                3. `swanctl --load-all` を実行します。トンネルは自動で確立し、切れても自動で再接続します。
                4. `swanctl --list-sas` で ESTABLISHED と INSTALLED が表示されれば完了です。
                """.formatted(SwanctlGenerator.ROUTER_CERT_FILE, SwanctlGenerator.ROUTER_KEY_FILE) : """
                1. parameter-sheet-ja.txt の値をルーターの IKEv2/IPsec 設定に入力します。
                2. swanctl/x509ca/%s (ハブの CA 証明書) と、登録で受け取ったルーター証明書を読み込ませます。
                3. 常時接続 (キープアライブ・DPD) を有効にします。
                """.formatted(SwanctlGenerator.CA_FILE);
        return """
                連携ハブ VPN 設定 — %s (施設 %s)

                このアーカイブはハブが生成しました。手で編集せず、変更はハブで行って再ダウンロードしてください。

                接続先: %s (UDP 500/4500 を許可してください)
                この拠点の IKE ID: %s

                手順:
                %s
                トンネルが確立しない場合は、ハブの運用担当に連絡してください (docs/vpn.md)。
                """.formatted(site.facilityName(), site.facilityId(), hubAddress, site.ikeIdentity(), steps);
    }

    /** The same parameters as the swanctl.conf, for a router configured by hand. */
    static String parameterSheet(Site site, String hubAddress, String hubIdentity, String hubPrefixes) {
        return """
                連携ハブ VPN パラメータシート — %s (施設 %s)

                IKE バージョン           : IKEv2 のみ
                接続先 (ハブ)            : %s  (UDP 500, NAT 越え時 UDP 4500)
                認証方式                 : 証明書 (RSA/ECDSA デジタル署名)、事前共有鍵は使いません
                自拠点の ID (ローカル ID) : FQDN %s (証明書の SAN と一致)
                ハブの ID (リモート ID)   : FQDN %s
                信頼する CA              : swanctl/x509ca/%s
                IKE 暗号                 : AES-256-GCM (16 バイト ICV)
                IKE PRF                  : HMAC-SHA-384
                IKE DH グループ          : 20 (ECP-384) または 31 (Curve25519)
                IKE SA 再鍵交換          : 4 時間
                IPsec (ESP) 暗号         : AES-256-GCM (16 バイト ICV)
                PFS                      : あり、DH グループ 20 または 31
                IPsec SA 再鍵交換        : 1 時間
                モード                   : トンネルモード
                自拠点のネットワーク      : %s
                ハブのネットワーク        : %s
                NAT トラバーサル         : 有効 (自動検出)
                IKE フラグメンテーション : 有効 (RFC 7383)
                DPD                      : 30 秒間隔、応答がなければ再接続
                常時接続                 : 起動時に接続、切断時は自動再接続
                """.formatted(site.facilityName(), site.facilityId(), hubAddress, site.ikeIdentity(), hubIdentity,
                SwanctlGenerator.CA_FILE,
                site.lanPrefixes().stream().map(IpPrefix::toString).collect(Collectors.joining(", ")), hubPrefixes);
    }
}
