package jp.renkei.hub.vpn;

import java.nio.file.Path;
import java.util.List;

import jp.renkei.hub.vpn.site.IpPrefix;
import jp.renkei.hub.vpn.swanctl.HubSwanctlDirectory;
import jp.renkei.hub.vpn.swanctl.Swanctl;
import jp.renkei.hub.vpn.swanctl.SwanctlGenerator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the VPN settings into the values the services use; bad prefixes stop the hub at start-up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VpnProperties.class)
public class VpnConfig {

    @Bean
    HubServicePrefixes hubServicePrefixes(VpnProperties properties) {
        List<IpPrefix> prefixes = properties.servicePrefixes().stream().map(IpPrefix::parse).toList();
        return new HubServicePrefixes(prefixes);
    }

    @Bean
    HubSwanctlDirectory hubSwanctlDirectory(VpnProperties properties, @Value("${renkei.home}") Path home) {
        Path directory = properties.swanctlDirectory() != null ? properties.swanctlDirectory()
                : home.resolve("vpn").resolve("swanctl");
        return new HubSwanctlDirectory(directory);
    }

    @Bean
    SwanctlGenerator swanctlGenerator(VpnProperties properties, HubServicePrefixes prefixes) {
        return new SwanctlGenerator(properties.hubAddress(), properties.hubIdentity(), prefixes.prefixes());
    }

    @Bean
    Swanctl swanctl(VpnProperties properties) {
        return new Swanctl(properties.swanctlCommand(), properties.viciUri());
    }
}
