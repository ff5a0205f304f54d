package jp.renkei.hub.core.archfixture;

import jp.renkei.hub.fhir.FhirServerProperties;

/** A deliberate layering violation, used only to prove that the architecture rule can fail. */
public class CoreClassReachingIntoFhirServer {

    public int pageSize(FhirServerProperties properties) {
        return properties.defaultPageSize();
    }
}
