package jp.renkei.hub.regional.signature;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HpkiProperties.class)
class SignatureConfig {

    @Bean
    HpkiTrust hpkiTrust(HpkiProperties properties) {
        return new HpkiTrust(properties);
    }

    @Bean
    SignatureVerifier signatureVerifier(HpkiTrust trust, Clock clock) {
        return new SignatureVerifier(trust, clock);
    }

    @Bean
    DocumentSigner documentSigner(Clock clock) {
        return new DocumentSigner(clock);
    }
}
