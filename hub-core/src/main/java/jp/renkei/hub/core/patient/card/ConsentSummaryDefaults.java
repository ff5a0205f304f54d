package jp.renkei.hub.core.patient.card;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * An auto-configuration (listed in META-INF/spring/…AutoConfiguration.imports, hence skipped by component
 * scanning), so its condition is evaluated after every application bean: a consent registry's own
 * {@link ConsentSummaryProvider} replaces the default wherever it is declared.
 */
@AutoConfiguration
public class ConsentSummaryDefaults {

    @Bean
    @ConditionalOnMissingBean(ConsentSummaryProvider.class)
    ConsentNotRecordedYet consentNotRecordedYet() {
        return new ConsentNotRecordedYet();
    }
}
