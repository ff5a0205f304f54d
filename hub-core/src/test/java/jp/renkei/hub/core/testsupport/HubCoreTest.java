package jp.renkei.hub.core.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A test of hub-core against a real PostgreSQL (one context per test run, shared by every class using
 * this annotation). MockMvc is available; the security filter chain of hub-core is active.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// No scheduled or shutdown anchors: the home outlives the throw-away database, so they would name rows of an old one.
@SpringBootTest(classes = HubCoreTestApplication.class,
        properties = {"renkei.home=target/test-home", "renkei.audit.anchors.enabled=false"})
@AutoConfigureMockMvc
public @interface HubCoreTest {
}
