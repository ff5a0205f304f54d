package jp.renkei.hub.dicom.secondread;

import java.util.List;

import jp.renkei.hub.dicom.deid.DateHandling;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of second reads ({@code renkei.dicom.second-read.*}); see docs/configuration.md.
 *
 * @param dates                        dates in released studies: KEEP (full dates option), SHIFT (modified dates
 *                                     option, a random shift per request) or REMOVE (Basic Profile only);
 *                                     fixed per request when it is made
 * @param retainPatientCharacteristics keep sex, age, size and weight (Retain Patient Characteristics Option)
 * @param privateWhitelist             private attributes kept, written like {@code (0043,xx27) GEMS_PARM_01}
 * @param signingKeyFile               HMAC key of report signatures; empty = {@code ${renkei.home}/second-read/report-signing.key}
 */
@ConfigurationProperties("renkei.dicom.second-read")
public record SecondReadProperties(
        @DefaultValue("KEEP") DateHandling dates,
        @DefaultValue("true") boolean retainPatientCharacteristics,
        @DefaultValue({}) List<String> privateWhitelist,
        @DefaultValue("") String signingKeyFile) {
}
