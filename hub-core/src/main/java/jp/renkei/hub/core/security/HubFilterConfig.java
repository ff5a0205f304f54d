package jp.renkei.hub.core.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.core.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** Servlet filters around Spring Security: the audit filter outermost, then the size limit. */
@Configuration(proxyBeanMethods = false)
public class HubFilterConfig {

    @Bean
    FilterRegistrationBean<RequestAuditFilter> requestAuditFilter(AuditTrail audit) {
        FilterRegistrationBean<RequestAuditFilter> registration = new FilterRegistrationBean<>(new RequestAuditFilter(audit));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            @Value("${renkei.api.max-request-size:1MB}") DataSize maxSize,
            @Value("${renkei.api.consent-max-request-size:8MB}") DataSize consentMaxSize, ObjectMapper json) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(maxSize.toBytes(), consentMaxSize.toBytes(), json));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }
}
