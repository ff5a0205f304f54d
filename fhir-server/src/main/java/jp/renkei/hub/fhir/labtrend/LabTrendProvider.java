package jp.renkei.hub.fhir.labtrend;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jp.renkei.hub.fhir.views.PatientData;
import jp.renkei.hub.fhir.views.PatientViews;
import jp.renkei.hub.fhir.views.SourceFacilities;
import jp.renkei.hub.fhir.views.ViewBundles;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code Patient/$lab-trend?code=<system|code>[,<system|code>…]} (type level with {@code patient=<event number>},
 * or on {@code Patient/<id>}): the numeric results of a test (JLAC10, LOINC or any coding; several codes are
 * OR-ed, e.g. two hospitals' JLAC10 codes for the same analyte) across every facility whose data the consent gate
 * shows, as a {@code Parameters} answer with one {@code series} per unit ({@link LabSeries}); {@code mixedUnits}
 * is true and a {@code unitWarning} explains when results came in truly different units. With
 * {@code render=png} the answer is the chart instead ({@link LabTrendChart}), a Binary served as
 * {@code image/png}.
 */
@Component
public class LabTrendProvider {

    public static final String OPERATION = "$lab-trend";

    private final PatientViews views;
    private final SourceFacilities facilities;
    private final ViewBundles bundles;

    public LabTrendProvider(PatientViews views, SourceFacilities facilities, ViewBundles bundles) {
        this.views = views;
        this.facilities = facilities;
        this.bundles = bundles;
    }

    @Operation(name = OPERATION, type = Patient.class, idempotent = true)
    public IBaseResource trend(@IdParam(optional = true) IdType patientId,
                               @OperationParam(name = PatientViews.PATIENT_PARAMETER, max = 1) StringType eventNumber,
                               @OperationParam(name = "code", min = 1, max = 1) StringType code,
                               @OperationParam(name = "render", max = 1) StringType render,
                               RequestDetails request) {
        TokenOrListParam codes = codes(code);
        boolean png = render != null && render.hasValue();
        if (png && !"png".equals(render.getValue())) {
            throw new InvalidRequestException("render must be png (or absent for the Parameters answer), got "
                    + render.getValue());
        }
        PatientData data = views.load(request, patientId, eventNumber == null ? null : eventNumber.getValue(),
                List.of("Observation"), (type, map) -> map.add(Observation.SP_CODE, codes));
        List<Observation> observations = data.all(Observation.class);
        List<LabSeries> series = LabSeries.of(observations.stream().map(LabTrends::point).flatMap(Optional::stream).toList());
        if (png) {
            Binary chart = new Binary();
            chart.setContentType("image/png");
            chart.setData(LabTrendChart.png(title(code.getValue(), observations), series));
            return chart;
        }
        return answer(code.getValue(), series, data);
    }

    private Parameters answer(String code, List<LabSeries> series, PatientData data) {
        Parameters answer = new Parameters();
        answer.addParameter("code", code);
        answer.addParameter("mixedUnits", new BooleanType(series.size() > 1));
        for (int i = 1; i < series.size(); i++) {
            answer.addParameter("unitWarning", unitWarning(series.get(0), series.get(i)));
        }
        for (LabSeries one : series) {
            Parameters.ParametersParameterComponent part = answer.addParameter().setName("series");
            part.addPart().setName("unit").setValue(new StringType(one.unit()));
            for (LabPoint point : one.points()) {
                Parameters.ParametersParameterComponent p = part.addPart().setName("point");
                p.addPart().setName("observation").setValue(new Reference(point.observationId()));
                p.addPart().setName("effective").setValue(new DateTimeType(Date.from(point.when().toInstant())));
                p.addPart().setName("value").setValue(new Quantity().setValue(point.value()).setUnit(point.unit()));
                if (point.low() != null || point.high() != null) {
                    Range range = new Range();
                    if (point.low() != null) {
                        range.setLow(new Quantity().setValue(point.low()).setUnit(point.unit()));
                    }
                    if (point.high() != null) {
                        range.setHigh(new Quantity().setValue(point.high()).setUnit(point.unit()));
                    }
                    p.addPart().setName("referenceRange").setValue(range);
                }
                if (!point.rangeText().isEmpty()) {
                    p.addPart().setName("referenceRangeText").setValue(new StringType(point.rangeText()));
                }
                if (!point.interpretation().isEmpty()) {
                    p.addPart().setName("interpretation").setValue(new StringType(point.interpretation()));
                }
                p.addPart().setName("sourceFacility").setValue(facilities.reference(point.sourceFacility()));
            }
        }
        data.withheldSources().forEach(f -> answer.addParameter("withheld", bundles.withheldText(f)));
        return answer;
    }

    private static String unitWarning(LabSeries main, LabSeries other) {
        UnitNotation.Relation relation = UnitNotation.relate(main.unit(), other.unit());
        return other.points().size() + " result(s) in " + other.unit() + " differ from " + main.unit()
                + (relation == UnitNotation.Relation.CONVERTIBLE ? " (convertible by UCUM, but not converted)"
                : " (not convertible without knowing the analyte)") + ": kept as a separate series, not mixed";
    }

    private static String title(String code, List<Observation> observations) {
        String display = observations.stream().flatMap(o -> o.getCode().getCoding().stream())
                .filter(Coding::hasDisplay).map(Coding::getDisplay).findFirst()
                .orElseGet(() -> observations.stream().filter(o -> o.getCode().hasText())
                        .map(o -> o.getCode().getText()).findFirst().orElse(""));
        return display.isEmpty() ? code : display + " (" + code + ")";
    }

    private static TokenOrListParam codes(StringType code) {
        if (code == null || !code.hasValue() || code.getValue().isBlank()) {
            throw new InvalidRequestException("code is required: the test's system|code, e.g. "
                    + "urn:oid:1.2.392.200119.4.504|3D046000001906202 (JLAC10) or http://loinc.org|4548-4");
        }
        TokenOrListParam codes = new TokenOrListParam();
        List<String> parts = new ArrayList<>(List.of(code.getValue().split(",")));
        for (String part : parts) {
            String token = part.trim();
            int bar = token.indexOf('|');
            if (token.isEmpty() || bar == token.length() - 1) {
                throw new InvalidRequestException("code '" + part + "' has no code: give system|code or a bare code");
            }
            codes.addOr(bar < 0 ? new TokenParam(token) : new TokenParam(bar == 0 ? null : token.substring(0, bar),
                    token.substring(bar + 1)));
        }
        return codes;
    }
}
