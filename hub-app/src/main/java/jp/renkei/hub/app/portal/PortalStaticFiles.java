package jp.renkei.hub.app.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * htmx, from its WebJar on Maven Central, served by the hub under the portal's static path (same origin, so the
 * Content-Security-Policy's {@code script-src 'self'} covers it; no Node build, no CDN).
 */
@Configuration(proxyBeanMethods = false)
class PortalStaticFiles implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/portal/static/htmx/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/htmx.org/" + htmxVersion() + "/dist/");
    }

    private static String htmxVersion() {
        try (InputStream in = PortalStaticFiles.class.getResourceAsStream(
                "/META-INF/maven/org.webjars.npm/htmx.org/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the htmx WebJar is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
