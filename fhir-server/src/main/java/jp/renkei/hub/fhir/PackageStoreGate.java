package jp.renkei.hub.fhir;

import ca.uhn.fhir.jpa.packages.IHapiPackageCacheManager;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Puts {@link AwaitingPackageCache} in front of HAPI's package store, so that every bean that reads package content
 * (HAPI's validation support first) waits for {@link ImplementationGuideInstaller}'s store, which the web server no
 * longer waits for.
 */
final class PackageStoreGate implements BeanPostProcessor, BeanFactoryAware {

    private BeanFactory beanFactory;
    private volatile ImplementationGuideInstaller installer;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof IHapiPackageCacheManager store && !(bean instanceof AwaitingPackageCache)) {
            return new AwaitingPackageCache(store, this::awaitStored);
        }
        return bean;
    }

    private void awaitStored() {
        ImplementationGuideInstaller known = installer;
        if (known == null) {
            // A context without the installer (a slice of the application) has nothing to wait for.
            known = beanFactory.getBeanProvider(ImplementationGuideInstaller.class).getIfAvailable();
            if (known == null) {
                return;
            }
            installer = known;
        }
        known.awaitStored();
    }
}
