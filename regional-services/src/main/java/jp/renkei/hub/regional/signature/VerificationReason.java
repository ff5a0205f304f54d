package jp.renkei.hub.regional.signature;

import eu.europa.esig.dss.enumerations.SubIndication;

/**
 * Why a signature is not valid, in the hub's words (the label a person reads, in Japanese and English); the ETSI
 * sub-indication stays beside it in {@link SignatureVerification#detail()}.
 */
public enum VerificationReason {
    NONE("署名は有効です", "The signature is valid"),
    CONTENT_CHANGED("署名後に文書の内容が変更されています", "The signed content was changed after signing"),
    SIGNATURE_BROKEN("署名値が署名者の証明書と一致しません", "The signature value does not match the signer's certificate"),
    NOT_TRUSTED("署名者の証明書は信頼された HPKI 認証局につながりません",
            "The signer's certificate does not chain to a trusted HPKI certification authority"),
    CHAIN_NOT_CONCLUSIVE("証明書チェーンの検証が完了できません (認証局の失効情報の不足など)",
            "The certificate chain cannot be validated conclusively (e.g. missing revocation data of a CA)"),
    REVOKED("署名者の証明書は失効しています", "The signer's certificate is revoked"),
    REVOCATION_UNKNOWN("証明書の失効情報 (CRL) を確認できません", "The certificate's revocation status (CRL) cannot be checked"),
    CERTIFICATE_EXPIRED("署名時刻に証明書の有効期間外でした", "The certificate was not valid at the signing time"),
    NO_SIGNING_CERTIFICATE("署名者の証明書が見つかりません", "The signer's certificate is not found"),
    NO_HC_ROLE("証明書に HPKI の資格 (hcRole) がありません", "The certificate carries no HPKI role (hcRole)"),
    SIGNED_DATA_NOT_FOUND("署名対象のデータが見つかりません", "The signed data is not found"),
    OTHER("署名を検証できません", "The signature cannot be verified");

    private final String labelJa;
    private final String labelEn;

    VerificationReason(String labelJa, String labelEn) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    public String labelJa() {
        return labelJa;
    }

    public String labelEn() {
        return labelEn;
    }

    static VerificationReason of(SubIndication subIndication) {
        if (subIndication == null) {
            return OTHER;
        }
        return switch (subIndication) {
            case HASH_FAILURE -> CONTENT_CHANGED;
            case SIG_CRYPTO_FAILURE, FORMAT_FAILURE -> SIGNATURE_BROKEN;
            case NO_CERTIFICATE_CHAIN_FOUND, NO_CERTIFICATE_CHAIN_FOUND_NO_POE -> NOT_TRUSTED;
            case CHAIN_CONSTRAINTS_FAILURE, CERTIFICATE_CHAIN_GENERAL_FAILURE -> CHAIN_NOT_CONCLUSIVE;
            case REVOKED, REVOKED_NO_POE, REVOKED_CA_NO_POE -> REVOKED;
            case TRY_LATER, REVOCATION_OUT_OF_BOUNDS_NO_POE -> REVOCATION_UNKNOWN;
            case EXPIRED, NOT_YET_VALID, OUT_OF_BOUNDS_NO_POE, OUT_OF_BOUNDS_NOT_REVOKED -> CERTIFICATE_EXPIRED;
            case NO_SIGNING_CERTIFICATE_FOUND -> NO_SIGNING_CERTIFICATE;
            case SIGNED_DATA_NOT_FOUND -> SIGNED_DATA_NOT_FOUND;
            default -> OTHER;
        };
    }
}
