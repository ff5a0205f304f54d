package jp.renkei.hub.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import jp.renkei.hub.fhir.access.FhirSurface.Offer;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.springframework.stereotype.Component;

/**
 * The CapabilityStatement says what the hub offers and nothing more: HAPI generates it from every provider it
 * has; this cuts it down to {@link FhirSurface}, so clients (and the test that compares it with
 * docs/security.md) see exactly what is allowed.
 */
@Component
@Interceptor
public class CapabilityStatementFilter {

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void restrict(IBaseConformance generated) {
        if (!(generated instanceof CapabilityStatement statement)) {
            return;
        }
        for (CapabilityStatementRestComponent rest : statement.getRest()) {
            rest.getResource().removeIf(resource -> FhirSurface.offer(resource.getType()).isEmpty());
            for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
                Offer offer = FhirSurface.offer(resource.getType()).orElseThrow();
                resource.getInteraction().removeIf(interaction -> FhirSurface.Interaction
                        .ofCode(interaction.getCode().toCode()).map(offered -> !offer.offers(offered)).orElse(true));
                resource.getOperation().removeIf(operation -> !offer.offersOperation(operation.getName(), false)
                        && !offer.offersOperation(operation.getName(), true));
                resource.setConditionalCreate(false);
                resource.setConditionalUpdate(false);
                resource.setConditionalDelete(null);
                if (!offer.offers(FhirSurface.Interaction.VREAD) && !offer.offers(FhirSurface.Interaction.HISTORY_INSTANCE)) {
                    resource.setVersioning(null);
                }
            }
            rest.getInteraction().removeIf(interaction -> interaction.getCode() != SystemRestfulInteraction.TRANSACTION
                    && interaction.getCode() != SystemRestfulInteraction.BATCH);
            if (rest.getInteraction().stream().noneMatch(i -> i.getCode() == SystemRestfulInteraction.BATCH)) {
                rest.addInteraction().setCode(SystemRestfulInteraction.BATCH);
            }
            rest.getOperation().clear();
        }
    }
}
