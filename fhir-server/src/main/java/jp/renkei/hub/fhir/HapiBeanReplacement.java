package jp.renkei.hub.fhir;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Puts a hub class in place of one of HAPI's beans before any bean is made: HAPI's DAOs inject these beans by
 * class, so a subclass registered under HAPI's bean name is what every DAO gets. Fails the start if HAPI no
 * longer defines the bean (its configuration changed and the replacement would silently not apply).
 */
record HapiBeanReplacement(String beanName, Class<?> replacement) implements BeanDefinitionRegistryPostProcessor {

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (!registry.containsBeanDefinition(beanName)) {
            throw new IllegalStateException("HAPI's bean '" + beanName + "' is missing: HAPI's configuration changed");
        }
        registry.removeBeanDefinition(beanName);
        registry.registerBeanDefinition(beanName, new RootBeanDefinition(replacement));
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }
}
