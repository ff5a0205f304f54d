package jp.renkei.hub.regional.questionnaire;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of web questionnaire links ({@code renkei.questionnaire.*}).
 *
 * @param linkLifetime  how long a link stays valid after it is issued; it also ends with its visit day (Japan
 *                      time), whichever comes first (default 72 hours)
 * @param maxAttempts   wrong birth dates that lock a link (default 5)
 * @param publicBaseUrl the address patients reach the hub at, for the link in the QR code (default: the address
 *                      the staff page was opened at)
 */
@ConfigurationProperties("renkei.questionnaire")
public record QuestionnaireProperties(Duration linkLifetime, Integer maxAttempts, String publicBaseUrl) {

    public QuestionnaireProperties {
        linkLifetime = linkLifetime == null ? Duration.ofHours(72) : linkLifetime;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? null : publicBaseUrl.replaceAll("/+$", "");
        if (linkLifetime.isNegative() || linkLifetime.isZero() || maxAttempts < 1) {
            throw new IllegalArgumentException("renkei.questionnaire: link-lifetime and max-attempts must be positive");
        }
    }
}
