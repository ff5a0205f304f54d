package jp.renkei.hub.core.pki;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/** The hub CA as a bean, from the same settings {@link PkiBootstrap} used before the context started. */
@Configuration(proxyBeanMethods = false)
class PkiConfig {

    @Bean
    PkiSettings pkiSettings(ConfigurableEnvironment environment) {
        return PkiSettings.from(environment);
    }

    @Bean
    HubCertificateAuthority hubCertificateAuthority(PkiSettings settings) {
        return HubCertificateAuthority.open(settings, Clock.systemUTC());
    }
}
