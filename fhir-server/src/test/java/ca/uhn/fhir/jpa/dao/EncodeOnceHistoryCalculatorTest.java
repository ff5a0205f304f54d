package ca.uhn.fhir.jpa.dao;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.config.HibernatePropertiesProvider;
import ca.uhn.fhir.jpa.model.entity.ResourceEncodingEnum;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import com.google.common.hash.Hashing;
import jp.renkei.hub.fhir.FirstPassOfCreate;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Only the one marked first pass goes unencoded; every other encoding is HAPI's own. */
class EncodeOnceHistoryCalculatorTest {

    private final EncodeOnceHistoryCalculator calculator =
            new EncodeOnceHistoryCalculator(FhirContext.forR4Cached(), postgres());
    private final ResourceHistoryCalculator hapi = new ResourceHistoryCalculator(FhirContext.forR4Cached(), false);

    @AfterEach
    void clear() {
        FirstPassOfCreate.mark(null);
    }

    @Test
    void anUnmarkedResourceIsEncodedAsHapiEncodesIt() {
        Patient patient = patient();
        ResourceHistoryState state = calculator.calculateResourceHistoryState(patient, ResourceEncodingEnum.JSON, List.of("id"));
        ResourceHistoryState expected = hapi.calculateResourceHistoryState(patient, ResourceEncodingEnum.JSON, List.of("id"));

        assertThat(state.getResourceText()).isEqualTo(expected.getResourceText()).contains("山田");
        assertThat(state.getHashCode()).isEqualTo(Hashing.sha256().hashUnencodedChars(state.getResourceText()));
    }

    @Test
    void theMarkedFirstPassIsNotEncodedAndItsHashMatchesNoText() {
        Patient patient = patient();
        FirstPassOfCreate.mark(patient);

        ResourceHistoryState first = calculator.calculateResourceHistoryState(patient, ResourceEncodingEnum.JSON, List.of("id"));
        ResourceHistoryState second = calculator.calculateResourceHistoryState(patient, ResourceEncodingEnum.JSON, List.of("id"));

        assertThat(first.getResourceText()).isNull();
        assertThat(first.getResourceBinary()).isNull();
        assertThat(first.getHashCode()).isEqualTo(EncodeOnceHistoryCalculator.NOT_ENCODED)
                .isNotEqualTo(second.getHashCode());
        assertThat(second.getResourceText()).as("the mark is taken once").contains("山田");
    }

    @Test
    void aMarkForAnotherResourceSkipsNothingAndIsDropped() {
        Patient marked = patient();
        Patient other = patient();
        FirstPassOfCreate.mark(marked);

        assertThat(calculator.calculateResourceHistoryState(other, ResourceEncodingEnum.JSON, List.of("id"))
                .getResourceText()).contains("山田");
        assertThat(calculator.calculateResourceHistoryState(marked, ResourceEncodingEnum.JSON, List.of("id"))
                .getResourceText()).as("a mark not taken at once is gone").contains("山田");
    }

    private static HibernatePropertiesProvider postgres() {
        HibernatePropertiesProvider hibernate = new HibernatePropertiesProvider();
        hibernate.setDialectForUnitTest(new HapiFhirPostgresDialect());
        return hibernate;
    }

    private static Patient patient() {
        Patient patient = new Patient();
        patient.addName().setFamily("山田").addGiven("太郎");
        return patient;
    }
}
