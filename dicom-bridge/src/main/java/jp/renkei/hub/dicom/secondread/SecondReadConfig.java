package jp.renkei.hub.dicom.secondread;

import java.nio.file.Path;

import jp.renkei.hub.dicom.deid.ConfidentialityProfile;
import jp.renkei.hub.dicom.deid.DateHandling;
import jp.renkei.hub.dicom.deid.DeidOptions;
import jp.renkei.hub.dicom.deid.Deidentifier;
import jp.renkei.hub.dicom.deid.PrivateWhitelist;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The de-identification options of second reads and the report signing key. */
@Configuration
@EnableConfigurationProperties(SecondReadProperties.class)
public class SecondReadConfig {

    /** The options of one request's release; the dates option is the one fixed when the request was made. */
    @Bean
    ReleaseOptions secondReadReleaseOptions(SecondReadProperties properties) {
        PrivateWhitelist whitelist = PrivateWhitelist.parse(properties.privateWhitelist());
        return dates -> new Deidentifier(ConfidentialityProfile.basic(),
                new DeidOptions(dates, properties.retainPatientCharacteristics(), whitelist));
    }

    @Bean
    ReportSignature secondReadReportSignature(SecondReadProperties properties,
                                              @Value("${renkei.home}") String home) {
        Path file = properties.signingKeyFile().isBlank() ? Path.of(home, "second-read", "report-signing.key")
                : Path.of(properties.signingKeyFile());
        return ReportSignature.fromKeyFile(file);
    }

    /** The de-identifier for a release with the given dates option. */
    @FunctionalInterface
    interface ReleaseOptions {
        Deidentifier deidentifier(DateHandling dates);
    }
}
