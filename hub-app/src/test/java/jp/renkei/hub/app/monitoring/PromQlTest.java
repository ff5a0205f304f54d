package jp.renkei.hub.app.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheSelectedMetricsNotFunctionsLabelsOrGrouping() {
        assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (interface, le) (rate("
                + "renkei_interface_requests_seconds_bucket{instance=~\"$instance\",outcome!=\"2xx\"}[$__rate_interval])))"))
                .containsExactly("renkei_interface_requests_seconds_bucket");
        assertThat(PromQl.metricNames("sum(rate(a_sum[5m])) / sum(rate(a_count[5m])) > 1e3"))
                .containsExactly("a_sum", "a_count");
        assertThat(PromQl.metricNames("max by (state) (renkei_vpn_tunnels) or on(instance) process_cpu_usage"))
                .containsExactly("renkei_vpn_tunnels", "process_cpu_usage");
    }
}
