package jp.renkei.hub.consent;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Consent policy ({@code renkei.consent.*}).
 *
 * @param breakGlassDuration how long emergency access stays open once a doctor opens it
 */
@ConfigurationProperties("renkei.consent")
public record ConsentProperties(@DefaultValue("24h") Duration breakGlassDuration) {
}
