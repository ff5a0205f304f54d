package jp.renkei.hub.core.ids;

import java.nio.file.Path;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's identifier key: {@code renkei.ids.key} (Base64, at least 256 bits) when set, e.g. from a secret store;
 * otherwise the file {@code renkei.ids.key-file} ({@code ${renkei.home}/ids/identifier.key}), created on first start.
 */
@Configuration(proxyBeanMethods = false)
class HubIdsConfig {

    private static final Logger log = LoggerFactory.getLogger(HubIdsConfig.class);

    @Bean
    HubKeyedIds hubKeyedIds(@Value("${renkei.ids.key:}") String configuredKey,
                            @Value("${renkei.ids.key-file:${renkei.home}/ids/identifier.key}") Path keyFile) {
        if (!configuredKey.isBlank()) {
            try {
                return new HubKeyedIds(Base64.getDecoder().decode(configuredKey.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("renkei.ids.key: " + e.getMessage(), e);
            }
        }
        HubKeyedIds ids = new HubKeyedIds(IdentifierKeyFile.readOrCreate(keyFile));
        log.info("Identifier key from {}", keyFile.toAbsolutePath().normalize());
        return ids;
    }
}
