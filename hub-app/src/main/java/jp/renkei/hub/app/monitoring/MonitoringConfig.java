package jp.renkei.hub.app.monitoring;

import jp.renkei.hub.core.monitoring.HubMeters;
import jp.renkei.hub.core.monitoring.InterfaceRequestFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The request timer around everything else (security, audit), and the monitoring settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MonitoringProperties.class)
class MonitoringConfig {

    @Bean
    FilterRegistrationBean<InterfaceRequestFilter> interfaceRequestFilter(HubMeters meters) {
        FilterRegistrationBean<InterfaceRequestFilter> registration =
                new FilterRegistrationBean<>(new InterfaceRequestFilter(meters));
        // outside the audit filter (- 20): a request's time includes its audit record
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 30);
        return registration;
    }
}
