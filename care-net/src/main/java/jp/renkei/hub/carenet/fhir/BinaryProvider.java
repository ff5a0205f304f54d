package jp.renkei.hub.carenet.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.core.security.Requesters;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.IdType;

/** A file's stored bytes (EXIF already stripped at upload), read only, by the DocumentReference's ID. */
class BinaryProvider implements IResourceProvider {

    private final CareNetFhirView view;

    BinaryProvider(CareNetFhirView view) {
        this.view = view;
    }

    @Override
    public Class<Binary> getResourceType() {
        return Binary.class;
    }

    @Read
    public Binary read(@IdParam IdType id, HttpServletRequest request) {
        return view.binary(id.getIdPart(), Requesters.current(request))
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }
}
