package jp.renkei.hub.app.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo data loaded on first start ({@code renkei.demo.*}).
 *
 * @param enabled  load the demo network when the store does not have it yet
 * @param patients how many synthetic patients (not enrolled in the regional network: each facility's own)
 * @param networkPatients how many more synthetic hospital patients enrolled in the regional network, most of
 *                 them consenting to sharing ({@link DemoSharing})
 * @param seed     generator seed: the same seed gives the same people and values
 */
@ConfigurationProperties("renkei.demo")
public record DemoDataProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("8") int patients,
        @DefaultValue("4") int networkPatients,
        @DefaultValue("20260401") long seed) {
}
