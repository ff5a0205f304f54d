package jp.renkei.hub.carenet.fhir;

import java.util.List;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.core.security.Requesters;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;

/** Photos and files of posts as DocumentReferences (their bytes: Binary): read by ID; search a room's. */
class DocumentReferenceProvider implements IResourceProvider {

    private final CareNetFhirView view;

    DocumentReferenceProvider(CareNetFhirView view) {
        this.view = view;
    }

    @Override
    public Class<DocumentReference> getResourceType() {
        return DocumentReference.class;
    }

    @Read
    public DocumentReference read(@IdParam IdType id, HttpServletRequest request) {
        return view.documentReference(id.getIdPart(), Requesters.current(request))
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public List<DocumentReference> ofRoom(@Description(shortDefinition = "The care-net room (CareTeam) ID")
                                          @RequiredParam(name = CareNetFhirServer.ROOM_PARAM) TokenParam room,
                                          HttpServletRequest request) {
        return view.documentsOfRoom(room.getValue(), Requesters.current(request));
    }
}
