package jp.renkei.hub.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

/** Which of HAPI's generated beans go, by name, and that the registry is told the same list. */
class JpaStoreTypesTest {

    private final JpaStoreTypes types = new JpaStoreTypes(Set.of("Observation", "List"),
            Set.copyOf(FhirContext.forR4Cached().getResourceTypes()));

    @Test
    void readsTheTypeFromHapisGeneratedBeanNames() {
        assertThat(types.typeOf("myObservationDaoR4")).hasValue("Observation");
        assertThat(types.typeOf("myObservationRpR4")).hasValue("Observation");
        assertThat(types.typeOf("myListDaoR4")).hasValue("List");
        assertThat(types.typeOf("myListResourceRpR4")).hasValue("List");
        assertThat(types.typeOf("myMedicinalProductInteractionDaoR4")).hasValue("MedicinalProductInteraction");
        assertThat(types.typeOf("mySystemDaoR4")).isEmpty();
        assertThat(types.typeOf("myResourceDaosR4")).isEmpty();
        assertThat(types.typeOf("myResourceProvidersR4")).isEmpty();
        assertThat(types.typeOf("myDaoRegistry")).isEmpty();
    }

    @Test
    void removesTheDaosAndProvidersOfOtherTypesOnly() {
        DefaultListableBeanFactory registry = new DefaultListableBeanFactory();
        for (String name : new String[] {"myObservationDaoR4", "myObservationRpR4", "myListResourceRpR4",
                "myBasicDaoR4", "myBasicRpR4", "myTaskDaoR4", "mySystemDaoR4", "myDaoRegistry"}) {
            registry.registerBeanDefinition(name, new RootBeanDefinition(Object.class));
        }
        types.postProcessBeanDefinitionRegistry(registry);
        assertThat(registry.getBeanDefinitionNames()).containsExactlyInAnyOrder("myObservationDaoR4",
                "myObservationRpR4", "myListResourceRpR4", "mySystemDaoR4", "myDaoRegistry");
    }

    @Test
    void tellsTheDaoRegistry() {
        DaoRegistry registry = new DaoRegistry(FhirContext.forR4Cached());
        types.postProcessBeforeInitialization(registry, "myDaoRegistry");
        assertThat(registry.isResourceTypeSupported("Observation")).isTrue();
        assertThat(registry.isResourceTypeSupported("Basic")).isFalse();
    }
}
