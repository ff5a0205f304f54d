package jp.renkei.hub.app;

import jp.renkei.hub.fhir.FhirServerConfig;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

@SpringBootApplication(scanBasePackages = "jp.renkei.hub")
@ConfigurationPropertiesScan
@Import(FhirServerConfig.class)
public class RenkeiHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(RenkeiHubApplication.class, args);
    }
}
