package ca.uhn.fhir.jpa.dao;

import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.config.HibernatePropertiesProvider;
import ca.uhn.fhir.jpa.model.entity.ResourceEncodingEnum;
import com.google.common.hash.HashCode;
import jp.renkei.hub.fhir.FirstPassOfCreate;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's storage encoder without the first, discarded encoding of a resource a FHIR transaction creates.
 *
 * <p>HAPI encodes such a resource twice: once when the entry is created (the text is used only for its hash,
 * and no history row is written) and again after its {@code urn:uuid:} references are replaced, which is the
 * text stored. The first encoding was about 5 % of a write's request-thread CPU. For a resource the hub's
 * extractor marked ({@link FirstPassOfCreate}) this returns no text and a hash no resource has, so the second
 * pass always sees the resource as changed and stores its own encoding and hash, as HAPI already does for every
 * entry with a {@code urn:uuid:} reference. Every other encoding is HAPI's own.
 *
 * <p>In HAPI's package because the method it overrides is package-private (HAPI 8.8); it replaces HAPI's
 * {@code resourceHistoryCalculator} bean ({@code jp.renkei.hub.fhir.FhirServerConfig}).
 */
public class EncodeOnceHistoryCalculator extends ResourceHistoryCalculator {

    /** 32 zero bytes: not the SHA-256 of any text HAPI stores. */
    static final HashCode NOT_ENCODED = HashCode.fromBytes(new byte[32]);

    public EncodeOnceHistoryCalculator(FhirContext context, HibernatePropertiesProvider hibernate) {
        super(context, hibernate.isOracleDialect());
    }

    @Override
    ResourceHistoryState calculateResourceHistoryState(IBaseResource resource, ResourceEncodingEnum encoding,
                                                       List<String> excludeElements) {
        if (FirstPassOfCreate.take(resource)) {
            return new ResourceHistoryState(null, null, encoding, NOT_ENCODED);
        }
        return super.calculateResourceHistoryState(resource, encoding, excludeElements);
    }
}
