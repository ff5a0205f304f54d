package jp.renkei.hub.carenet.family;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import jp.renkei.hub.carenet.mail.CareNetMailProperties;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The invitation mail to a family member: the activation link with the login ID and the one-time code, and
 * nothing about the patient or the room (mail leaves the hub's protection). Sent over care-net's mail settings
 * ({@code spring.mail.*}, {@code renkei.care-net.mail.from} and {@code portal-url}).
 */
@Component
class FamilyInvitationMail {

    static final String SUBJECT = "【連携ハブ】ご家族用アカウントのご案内";
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Tokyo"));

    private final ObjectProvider<JavaMailSender> sender;
    private final CareNetMailProperties properties;

    FamilyInvitationMail(ObjectProvider<JavaMailSender> sender, CareNetMailProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    /** Sends it, or refuses (503) when mail cannot go out, so the caller's transaction writes nothing. */
    void send(String email, String displayName, String login, String code, Instant expires) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "メールの送信が設定されていないため、招待できません");
        }
        String link = properties.portalUrl() + "/login/activate?login=" + URLEncoder.encode(login, StandardCharsets.UTF_8)
                + "&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(email);
        message.setSubject(SUBJECT);
        message.setText(displayName + " 様\n\n"
                + "在宅ケア連携（ケアネット）のご家族用アカウントを用意しました。次のリンクを開き、パスワードを決めて"
                + "アカウントを有効にしてください。その後のサインインで、スマートフォンの認証アプリ（二要素認証）を"
                + "登録していただきます。\n\n" + link + "\n\n"
                + "ログイン ID: " + login + "\n有効化コード: " + code + "\n有効期限: " + MINUTE.format(expires) + "\n\n"
                + "このメールには利用者の情報を載せていません。お心当たりのない場合は破棄してください。"
                + "（このメールは送信専用です）\n");
        try {
            mail.send(message);
        } catch (MailException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "招待メールを送れませんでした。時間をおいてもう一度お試しください");
        }
    }
}
