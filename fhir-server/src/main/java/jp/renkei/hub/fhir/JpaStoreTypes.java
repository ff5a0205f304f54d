package jp.renkei.hub.fhir;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import jp.renkei.hub.fhir.access.FhirSurface;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * Gives HAPI's JPA server only the resource types the hub stores ({@link FhirSurface#storedTypes()}), so that
 * it does not build a DAO (a transactional proxy with its own search machinery) and a resource provider for each
 * of the 146 R4 types at every start: the bean definitions of the other types' DAOs and providers are removed
 * before anything is created, and the {@link DaoRegistry} is told the same list before anyone asks it. A request
 * for a type outside the list is refused by the surface rule as before ({@code SurfaceRestfulServer}).
 */
public final class JpaStoreTypes implements BeanDefinitionRegistryPostProcessor, BeanPostProcessor {

    /**
     * HAPI's generated R4 configuration names them {@code my<Type>DaoR4} and {@code my<Type>RpR4} (List's provider
     * {@code myListResourceRpR4}).
     */
    private static final Pattern GENERATED = Pattern.compile("my([A-Z][A-Za-z]*?)(?:Resource)?(Dao|Rp)R4");

    private final Set<String> stored;
    private final Set<String> known;

    /**
     * @param stored the types to keep
     * @param known  every resource type of the FHIR version (a bean name that names none of them is left alone)
     */
    JpaStoreTypes(Set<String> stored, Set<String> known) {
        this.stored = Set.copyOf(stored);
        this.known = Set.copyOf(known);
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        for (String name : registry.getBeanDefinitionNames()) {
            typeOf(name).filter(type -> !stored.contains(type)).ifPresent(type -> registry.removeBeanDefinition(name));
        }
    }

    /** The resource type of a generated DAO or provider bean, by its name. */
    Optional<String> typeOf(String beanName) {
        Matcher matcher = GENERATED.matcher(beanName);
        return matcher.matches() && known.contains(matcher.group(1)) ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof DaoRegistry registry) {
            registry.setSupportedResourceTypes(stored);
        }
        return bean;
    }
}
