package jp.renkei.hub.fhir.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import jp.renkei.hub.fhir.access.FhirSurface.Interaction;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/** What the surface offers, and that the rule refuses the rest (no Spring, no store). */
class FhirSurfaceTest {

    @Test
    void carriersOfPatientDataThatNobodyClassifiedAreNotOffered() {
        for (String type : new String[] {"Task", "Binary", "Bundle", "Device", "Communication",
                "Subscription", "Group", "List", "Basic", "Endpoint"}) {
            assertThat(FhirSurface.offer(type)).as(type).isEmpty();
            assertThatThrownBy(() -> check(shape(type, null, Interaction.READ)))
                    .isInstanceOf(MethodNotAllowedException.class).hasMessageContaining("does not offer");
        }
    }

    @Test
    void registryAndConformanceAreReadOnly() {
        // web questionnaires: forms and answers are written by the hub from the portal, never through /fhir
        for (String type : new String[] {"Organization", "StructureDefinition", "SearchParameter", "ValueSet",
                "Questionnaire", "QuestionnaireResponse"}) {
            for (Interaction write : new Interaction[] {Interaction.CREATE, Interaction.UPDATE, Interaction.PATCH,
                    Interaction.DELETE}) {
                assertThatThrownBy(() -> check(shape(type, "1", write))).as(type + " " + write)
                        .isInstanceOf(MethodNotAllowedException.class);
            }
        }
        check(shape("Organization", "1", Interaction.READ));
        check(shape("Questionnaire", null, Interaction.SEARCH));
        check(shape("QuestionnaireResponse", "1", Interaction.READ));
    }

    @Test
    void patientDataOffersTheEightInteractionsButNoMetaOrTypeHistory() {
        for (Interaction interaction : Interaction.values()) {
            check(shape("Observation", interaction == Interaction.SEARCH || interaction == Interaction.CREATE
                    ? null : "1", interaction));
        }
        assertThat(FhirSurface.offer("Observation").orElseThrow().offersOperation("$meta", true)).isFalse();
        assertThat(FhirSurface.offer("Observation").orElseThrow().offersOperation("$meta-delete", true)).isFalse();
        assertThat(FhirSurface.offer("Patient").orElseThrow().offersOperation("$everything", true)).isTrue();
        assertThat(FhirSurface.offer("Patient").orElseThrow().offersOperation("$everything", false)).isFalse();
        RequestShape systemOperation = new RequestShape(null, null, Optional.empty(), "get-resource-counts", null,
                false, "$get-resource-counts");
        assertThatThrownBy(() -> check(systemOperation)).isInstanceOf(MethodNotAllowedException.class);
    }

    @Test
    void conditionalWritesAreRefusedWithHowToAsk() {
        Bundle.BundleEntryComponent entry = new Bundle.BundleEntryComponent();
        entry.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Observation?identifier=x|1");
        assertThatThrownBy(() -> check(RequestShape.ofEntry(entry)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("only within your own data")
                .hasMessageContaining("_tag=https://renkei-hub.jp/fhir/CodeSystem/source-facility|CLINIC");
        Bundle.BundleEntryComponent pinned = new Bundle.BundleEntryComponent();
        pinned.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Observation?identifier=x|1&_tag="
                + "https%3A%2F%2Frenkei-hub.jp%2Ffhir%2FCodeSystem%2Fsource-facility%7CCLINIC");
        check(RequestShape.ofEntry(pinned));
        Bundle.BundleEntryComponent pinnedToAnother = new Bundle.BundleEntryComponent();
        pinnedToAnother.getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Observation?identifier=x|1&_tag="
                + "https://renkei-hub.jp/fhir/CodeSystem/source-facility|HOSPITAL");
        assertThatThrownBy(() -> check(RequestShape.ofEntry(pinnedToAnother))).isInstanceOf(InvalidRequestException.class);
        Bundle.BundleEntryComponent pinnedButChained = new Bundle.BundleEntryComponent();
        pinnedButChained.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation").setIfNoneExist(
                "_tag=https://renkei-hub.jp/fhir/CodeSystem/source-facility|CLINIC&_has:Observation:derived-from:code=x");
        assertThatThrownBy(() -> check(RequestShape.ofEntry(pinnedButChained)))
                .as("side doors stay closed in criteria").isInstanceOf(InvalidRequestException.class);
        Bundle.BundleEntryComponent create = new Bundle.BundleEntryComponent();
        create.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation").setIfNoneExist("identifier=x|1");
        assertThat(RequestShape.ofEntry(create).conditional()).isTrue();
        Bundle.BundleEntryComponent byId = new Bundle.BundleEntryComponent();
        byId.getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Observation/12");
        RequestShape delete = RequestShape.ofEntry(byId);
        assertThat(delete.conditional()).isFalse();
        assertThat(delete.id()).isEqualTo("12");
        assertThat(delete.writes()).isTrue();
    }

    @Test
    void theDocumentedTableNamesEveryOfferedType() {
        String table = FhirSurface.markdown();
        FhirSurface.offers().forEach(offer -> assertThat(table).contains("| " + offer.type() + " |"));
        assertThat(table).doesNotContain("| Task |");
    }

    private static final jp.renkei.hub.fhir.consent.DataCategories CATEGORIES =
            new jp.renkei.hub.fhir.consent.DataCategories(ca.uhn.fhir.context.FhirContext.forR4Cached());

    private static void check(RequestShape shape) {
        SurfaceRule.check(shape, "CLINIC", CATEGORIES);
    }

    private static RequestShape shape(String type, String id, Interaction interaction) {
        return new RequestShape(type, id, Optional.of(interaction), null, null, false, interaction.code() + " " + type);
    }
}
