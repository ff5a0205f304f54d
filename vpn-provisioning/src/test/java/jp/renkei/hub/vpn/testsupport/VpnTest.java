package jp.renkei.hub.vpn.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A test of vpn-provisioning with hub-core against a real PostgreSQL (one context per test run). The hub's swanctl
 * directory is target/test-swanctl; loading into strongSwan is off.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = VpnTestApplication.class, properties = {"renkei.home=target/test-home",
        "renkei.vpn.swanctl-directory=target/test-swanctl", "renkei.vpn.hub-address=10.250.0.1",
        "renkei.vpn.service-prefixes=10.251.0.0/24,fd00:251::/64"})
@AutoConfigureMockMvc
public @interface VpnTest {
}
