package jp.renkei.hub.carenet.fhir;

import java.util.List;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.core.security.Requesters;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;

/**
 * Posts, comments and direct messages as Communications: read by ID; search a room's
 * ({@code care-net-room=<room ID>}) or a post's comments ({@code part-of=Communication/<post ID>}).
 */
class CommunicationProvider implements IResourceProvider {

    private final CareNetFhirView view;

    CommunicationProvider(CareNetFhirView view) {
        this.view = view;
    }

    @Override
    public Class<Communication> getResourceType() {
        return Communication.class;
    }

    @Read
    public Communication read(@IdParam IdType id, HttpServletRequest request) {
        return view.communication(id.getIdPart(), Requesters.current(request))
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public List<Communication> ofRoom(@Description(shortDefinition = "The care-net room (CareTeam) ID")
                                      @RequiredParam(name = CareNetFhirServer.ROOM_PARAM) TokenParam room,
                                      HttpServletRequest request) {
        return view.communicationsOfRoom(room.getValue(), Requesters.current(request));
    }

    @Search
    public List<Communication> commentsOf(@Description(shortDefinition = "The post a comment belongs to")
                                          @RequiredParam(name = Communication.SP_PART_OF) ReferenceParam post,
                                          HttpServletRequest request) {
        if (post.getResourceType() != null && !"Communication".equals(post.getResourceType())) {
            return List.of();
        }
        return view.commentsOf(post.getIdPart(), Requesters.current(request));
    }
}
