package jp.renkei.hub.carenet;

import jp.renkei.hub.carenet.mail.CareNetMailProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CareNetMailProperties.class)
class CareNetConfig {
}
