package jp.renkei.hub.app.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jp.renkei.hub.app.RenkeiHubApplication;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole hub on a random port, on a throw-away embedded PostgreSQL, with JP Core loaded from
 * {@code ../shared} and the demo data. Every test class carrying this annotation shares one application
 * context, so the hub boots once per test run. Metrics are exported as in production (Spring Boot turns that off in
 * tests otherwise), so /actuator/prometheus exists (MonitoringIT).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = RenkeiHubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "renkei.home=target/test-home",
                "renkei.database.embedded.ephemeral=true",
                // the home outlives the ephemeral database: anchors made here would name rows of an old one
                "renkei.audit.anchors.enabled=false",
                "renkei.fhir.ig-packages=" + TestPaths.JP_CORE_PACKAGE,
                "renkei.demo.enabled=true",
                "renkei.dicom.port=0",
                "renkei.dicom.tls.enabled=true",
                "renkei.dicom.tls.port=0",
                "renkei.gateway.mllp.enabled=true",
                "renkei.gateway.mllp.port=0",
                // Test facilities other than the demo hospital (whose site is the loopback host) have no VPN site.
                "renkei.dicom.allow-facilities-without-site=true",
                "renkei.gateway.mllp.allow-facilities-without-site=true"
        })
public @interface HubIntegrationTest {

    /** The renkei.home of the shared test hub (its CA is in pki/ there). */
    java.nio.file.Path HOME = java.nio.file.Path.of("target/test-home");
}
