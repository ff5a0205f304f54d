package jp.renkei.hub.carenet.fhir;

import java.util.List;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.core.security.Requesters;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;

/** The vital signs of posts as Observations: read by ID; search a room's, optionally by LOINC {@code code}. */
class ObservationProvider implements IResourceProvider {

    private final CareNetFhirView view;

    ObservationProvider(CareNetFhirView view) {
        this.view = view;
    }

    @Override
    public Class<Observation> getResourceType() {
        return Observation.class;
    }

    @Read
    public Observation read(@IdParam IdType id, HttpServletRequest request) {
        return view.observation(id.getIdPart(), Requesters.current(request))
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public List<Observation> ofRoom(@Description(shortDefinition = "The care-net room (CareTeam) ID")
                                    @RequiredParam(name = CareNetFhirServer.ROOM_PARAM) TokenParam room,
                                    @Description(shortDefinition = "A LOINC code, e.g. http://loinc.org|8310-5")
                                    @OptionalParam(name = Observation.SP_CODE) TokenParam code,
                                    HttpServletRequest request) {
        if (code != null && code.getSystem() != null && !CareNetFhirSystems.LOINC.equals(code.getSystem())) {
            return List.of();
        }
        return view.observationsOfRoom(room.getValue(), code == null ? null : code.getValue(),
                Requesters.current(request));
    }
}
