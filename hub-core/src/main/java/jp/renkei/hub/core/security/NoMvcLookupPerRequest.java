package jp.renkei.hub.core.security;

import java.util.List;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.security.config.BeanIds;

/**
 * Takes Spring Security's per-request Spring MVC lookup out of the filter chain. With Spring MVC on the class path,
 * Spring Security wraps its filter chain in a filter that, for every request, asks each MVC handler mapping which
 * handler would serve it and keeps the answer for {@code MvcRequestMatcher} and MVC's CORS configuration. The hub
 * uses neither (every chain and rule matches with {@code PathPatternRequestMatcher}; no CORS), yet the lookup tried
 * every controller mapping of the portal and the API on every FHIR request: about 3 % of a search's request CPU and
 * 1.5 % of a transaction's (docs/benchmarks.md, the twelfth round). Spring Security registers the wrapper
 * ({@code WebMvcSecurityConfiguration$CompositeFilterChainProxy}) under the chain's bean name, with the chain itself
 * as the wrapper's second filter; this puts the chain back under its name. If the wrapper is not found in that
 * shape (another Spring Security), nothing changes, and hub-app's {@code SecurityIT} fails.
 */
final class NoMvcLookupPerRequest implements BeanFactoryPostProcessor {

    private static final String WRAPPER = "WebMvcSecurityConfiguration$CompositeFilterChainProxy";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) {
        if (!(factory instanceof BeanDefinitionRegistry registry)
                || !registry.containsBeanDefinition(BeanIds.SPRING_SECURITY_FILTER_CHAIN)) {
            return;
        }
        BeanDefinition wrapper = registry.getBeanDefinition(BeanIds.SPRING_SECURITY_FILTER_CHAIN);
        if (wrapper.getBeanClassName() == null || !wrapper.getBeanClassName().endsWith(WRAPPER)) {
            return;
        }
        ConstructorArgumentValues.ValueHolder filters =
                wrapper.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
        if (filters != null && filters.getValue() instanceof List<?> list && list.size() == 2
                && list.get(1) instanceof BeanDefinition chain) {
            registry.removeBeanDefinition(BeanIds.SPRING_SECURITY_FILTER_CHAIN);
            registry.registerBeanDefinition(BeanIds.SPRING_SECURITY_FILTER_CHAIN, chain);
        }
    }
}
