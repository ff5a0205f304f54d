package jp.renkei.hub.carenet.fhir;

import java.util.List;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.core.security.Requesters;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.IdType;

/** A room as its CareTeam: read by room ID; search by {@code _id}, or without parameters the requester's rooms. */
class CareTeamProvider implements IResourceProvider {

    private final CareNetFhirView view;

    CareTeamProvider(CareNetFhirView view) {
        this.view = view;
    }

    @Override
    public Class<CareTeam> getResourceType() {
        return CareTeam.class;
    }

    @Read
    public CareTeam read(@IdParam IdType id, HttpServletRequest request) {
        return view.careTeam(id.getIdPart(), Requesters.current(request))
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public List<CareTeam> search(@Description(shortDefinition = "The room ID; without it, the requester's rooms")
                                 @OptionalParam(name = IAnyResource.SP_RES_ID) TokenParam id,
                                 HttpServletRequest request) {
        if (id == null) {
            return view.myCareTeams(Requesters.current(request));
        }
        return view.careTeam(id.getValue(), Requesters.current(request)).map(List::of).orElse(List.of());
    }
}
