package jp.renkei.hub.carenet.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Care-net mail notification ({@code renkei.care-net.mail.*}). The SMTP server is Spring Boot's
 * {@code spring.mail.*} (host, port, username, password, properties); without {@code spring.mail.host} no mail
 * is sent.
 *
 * @param enabled   whether the notifier runs on its own every {@code interval}
 * @param interval  how often the notifier looks for people to notify
 * @param from      the sender address
 * @param portalUrl the link in the mail: people sign in there to read
 */
@ConfigurationProperties("renkei.care-net.mail")
public record CareNetMailProperties(@DefaultValue("false") boolean enabled,
                                    @DefaultValue("5m") Duration interval,
                                    @DefaultValue("noreply@renkei-hub.example.jp") String from,
                                    @DefaultValue("https://localhost:8443/portal") String portalUrl) {
}
