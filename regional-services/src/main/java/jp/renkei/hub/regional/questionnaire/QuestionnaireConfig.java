package jp.renkei.hub.regional.questionnaire;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuestionnaireProperties.class)
class QuestionnaireConfig {
}
