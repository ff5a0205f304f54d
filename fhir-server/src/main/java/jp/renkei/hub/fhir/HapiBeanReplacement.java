package jp.renkei.hub.fhir;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.ResolvableType;

/**
 * Puts a hub class in place of one of HAPI's beans before any bean is made: HAPI's DAOs inject these beans by
 * class, so a subclass registered under HAPI's bean name is what every DAO gets ({@code exposedAs}: the type
 * HAPI's factory method declares, raw when it is a raw interface). Fails the start if HAPI no
 * longer defines the bean (its configuration changed and the replacement would silently not apply).
 */
record HapiBeanReplacement(String beanName, Class<?> replacement, Class<?> exposedAs)
        implements BeanDefinitionRegistryPostProcessor {

    /** Exposed as its own class. */
    HapiBeanReplacement(String beanName, Class<?> replacement) {
        this(beanName, replacement, replacement);
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (!registry.containsBeanDefinition(beanName)) {
            throw new IllegalStateException("HAPI's bean '" + beanName + "' is missing: HAPI's configuration changed");
        }
        registry.removeBeanDefinition(beanName);
        RootBeanDefinition definition = new RootBeanDefinition(replacement);
        // A HAPI factory method that returns a raw interface type matches injection points of any type argument.
        definition.setTargetType(ResolvableType.forClass(exposedAs));
        registry.registerBeanDefinition(beanName, definition);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }
}
