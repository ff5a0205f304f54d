package jp.renkei.hub.gateway.ss2;

import java.util.List;

import jp.renkei.hub.gateway.ingest.IngestFailure;
import org.hl7.fhir.r4.model.Resource;

/** Maps the message of one SS-MIX2 data type to JP Core resources, in write order (reference targets first). */
@FunctionalInterface
public interface Ss2Mapper {

    /** @throws IngestFailure with the segment and field when the message cannot be mapped */
    List<Resource> map(Ss2Input input) throws IngestFailure;
}
