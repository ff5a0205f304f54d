package jp.renkei.hub.fhir.labtrend;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class LabTrendsTest {

    private static final String JLAC10 = "urn:oid:1.2.392.200119.4.504";

    private static Observation result(String id, String code, String name, String day, String value, String unit) {
        Observation o = new Observation();
        o.setId("Observation/" + id);
        o.getCode().addCoding().setSystem(JLAC10).setCode(code).setDisplay(name);
        o.setEffective(new DateTimeType(day + "T09:30:00+09:00"));
        o.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit(unit));
        o.addReferenceRange().setLow((SimpleQuantity) new SimpleQuantity().setValue(70))
                .setHigh((SimpleQuantity) new SimpleQuantity().setValue(109));
        return o;
    }

    @Test
    void resultsAreGroupedByTestOrderedByNameOldestFirstAndSplitByUnit() {
        Observation textOnly = new Observation();
        textOnly.getCode().addCoding().setSystem(JLAC10).setCode("9Z").setDisplay("所見");
        textOnly.setValue(new StringType("陰性"));
        Observation undated = result("9", "3D010", "グルコース", "2025-01-01", "99", "mg/dL");
        undated.setEffective(null);
        undated.setIssued(null);
        List<LabTrends.LabTest> tests = LabTrends.byTest(List.of(
                result("1", "3D010", "グルコース", "2025-03-01", "120", "mg/dL"),
                result("2", "3D046", "HbA1c", "2025-01-01", "6.1", "%"),
                result("3", "3D010", "グルコース", "2025-01-01", "95", "mg/dl"),
                result("4", "3D010", "グルコース", "2025-02-01", "5.3", "mmol/L"),
                textOnly, undated));
        assertThat(tests).extracting(LabTrends.LabTest::name).containsExactly("HbA1c", "グルコース");
        LabTrends.LabTest glucose = tests.get(1);
        assertThat(glucose.key()).isEqualTo(JLAC10 + "|3D010");
        assertThat(glucose.count()).isEqualTo(3);
        assertThat(glucose.mixedUnits()).isTrue();
        assertThat(glucose.series().get(0).unit()).isEqualTo("mg/dL");
        assertThat(glucose.series().get(0).points()).extracting(LabPoint::observationId)
                .containsExactly("Observation/3", "Observation/1");
        assertThat(glucose.series().get(0).points().get(1).high()).isEqualByComparingTo("109");
    }

    @Test
    void aResultWithoutCodingIsItsOwnTestByText() {
        Observation o = new Observation();
        o.getCode().setText("院内検査X");
        o.setIssued(new Date());
        o.setValue(new Quantity().setValue(1));
        assertThat(LabTrends.byTest(List.of(o))).singleElement()
                .satisfies(t -> assertThat(t.key()).isEqualTo("text|院内検査X"));
    }
}
