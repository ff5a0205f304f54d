package jp.renkei.hub.fhir;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.orm.jpa.AbstractEntityManagerFactoryBean;

/**
 * Makes {@link ImplementationGuideInstaller} (and so starts the package install on its thread) as soon as HAPI's
 * entity manager factory is built, instead of wherever the scan order puts it: the install is the longest single
 * piece of a first start, and the sooner it starts the more of it runs beside the rest of the context's start.
 */
final class PackageInstallTrigger implements BeanPostProcessor, BeanFactoryAware {

    private final AtomicBoolean triggered = new AtomicBoolean();
    private BeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof AbstractEntityManagerFactoryBean && triggered.compareAndSet(false, true)) {
            // A context without the installer (a slice of the application) just starts without this shortcut.
            beanFactory.getBeanProvider(ImplementationGuideInstaller.class).getIfAvailable();
        }
        return bean;
    }
}
