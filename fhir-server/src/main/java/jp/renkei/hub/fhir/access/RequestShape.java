package jp.renkei.hub.fhir.access;

import java.util.Optional;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletSubRequestDetails;
import jp.renkei.hub.fhir.access.FhirSurface.Interaction;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;

/**
 * What a request (or one entry of a batch or transaction) asks for, in the terms of {@link FhirSurface}.
 *
 * @param type        the resource type, or null at system level
 * @param id          the instance's ID, or null
 * @param interaction the interaction, or empty for an operation or a system-level request
 * @param operation   the operation name without {@code $}, or null
 * @param system      a system-level interaction ("transaction", "capabilities", "page"), or null
 * @param conditional a conditional create, update, patch or delete
 * @param name        what was asked, for messages
 */
public record RequestShape(String type, String id, Optional<Interaction> interaction, String operation,
                           String system, boolean conditional, String name, MatchCriteria criteria) {

    public RequestShape(String type, String id, Optional<Interaction> interaction, String operation, String system,
                        boolean conditional, String name) {
        this(type, id, interaction, operation, system, conditional, name, MatchCriteria.parse(null));
    }

    RequestShape withCriteria(String query) {
        return new RequestShape(type, id, interaction, operation, system, conditional, name, MatchCriteria.parse(query));
    }

    public boolean instance() {
        return id != null;
    }

    public boolean writes() {
        return interaction.map(Interaction::writes).orElse(false);
    }

    static RequestShape of(RequestDetails request) {
        return of(request, request.getRestOperationType());
    }

    /**
     * A request for a type HAPI has no provider for, before HAPI picks a handler: the interaction is read from the
     * HTTP method and path the way HAPI's handlers would have claimed it (null for what none would have).
     */
    static RequestShape ofUnbound(RequestDetails request) {
        IIdType requestId = request.getId();
        boolean instance = requestId != null && requestId.hasIdPart();
        String path = request.getOperation();
        RestOperationTypeEnum operation;
        if (path != null && path.startsWith("$")) {
            operation = "$validate".equals(path) ? RestOperationTypeEnum.VALIDATE
                    : instance ? RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
                    : RestOperationTypeEnum.EXTENDED_OPERATION_TYPE;
        } else if ("_history".equals(path)) {
            operation = instance ? RestOperationTypeEnum.HISTORY_INSTANCE : RestOperationTypeEnum.HISTORY_TYPE;
        } else if ("_search".equals(path)) {
            operation = RestOperationTypeEnum.SEARCH_TYPE;
        } else if (path != null || request.getRequestType() == null) {
            operation = null;
        } else {
            operation = switch (request.getRequestType()) {
                // A batch entry's read was named by its handler's vread type (HAPI), so it is here too.
                case GET, HEAD -> !instance ? RestOperationTypeEnum.SEARCH_TYPE
                        : requestId.hasVersionIdPart() || request instanceof ServletSubRequestDetails
                        ? RestOperationTypeEnum.VREAD : RestOperationTypeEnum.READ;
                case POST -> instance ? null : RestOperationTypeEnum.CREATE;
                case PUT -> RestOperationTypeEnum.UPDATE;
                case PATCH -> RestOperationTypeEnum.PATCH;
                case DELETE -> RestOperationTypeEnum.DELETE;
                default -> null;
            };
        }
        return of(request, operation);
    }

    private static RequestShape of(RequestDetails request, RestOperationTypeEnum operation) {
        String type = request.getResourceName();
        IIdType requestId = request.getId();
        String id = requestId != null && requestId.hasIdPart() ? requestId.getIdPart() : null;
        String code = operation == null ? "unknown" : operation.getCode();
        if (operation == null) {
            return new RequestShape(type, id, Optional.empty(), null, null, false, code);
        }
        RequestShape shape = switch (operation) {
            case READ -> interaction(type, id, Interaction.READ, false);
            case VREAD -> interaction(type, id, Interaction.VREAD, false);
            case SEARCH_TYPE -> interaction(type, null, Interaction.SEARCH, false);
            case HISTORY_INSTANCE -> interaction(type, id, Interaction.HISTORY_INSTANCE, false);
            case CREATE -> interaction(type, null, Interaction.CREATE,
                    request.getHeader("If-None-Exist") != null && !request.getHeader("If-None-Exist").isBlank());
            case UPDATE -> interaction(type, id, Interaction.UPDATE, id == null);
            case PATCH -> interaction(type, id, Interaction.PATCH, id == null);
            case DELETE -> interaction(type, id, Interaction.DELETE, id == null);
            case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE, VALIDATE ->
                    new RequestShape(type, id, Optional.empty(), FhirSurface.strip(
                            operation == RestOperationTypeEnum.VALIDATE ? "validate" : request.getOperation()),
                            null, false, request.getOperation() == null ? "$validate" : request.getOperation());
            case TRANSACTION -> system("transaction");
            case METADATA -> system("capabilities");
            case GET_PAGE -> system("page");
            default -> new RequestShape(type, id, Optional.empty(), null, null, false, code);
        };
        if (!shape.conditional()) {
            return shape;
        }
        return shape.withCriteria(operation == RestOperationTypeEnum.CREATE ? request.getHeader("If-None-Exist")
                : request.getCompleteUrl());
    }

    /** A write entry of a batch or transaction ({@code GET} entries are checked as requests of their own). */
    static RequestShape ofEntry(Bundle.BundleEntryComponent entry) {
        Bundle.HTTPVerb method = entry.getRequest().getMethod();
        String url = entry.getRequest().getUrl() == null ? "" : entry.getRequest().getUrl();
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        String[] parts = path.isEmpty() ? new String[0] : path.split("/");
        String type = parts.length > 0 ? parts[0] : null;
        String id = parts.length > 1 ? parts[1] : null;
        String name = method + " " + url;
        boolean operationOrMore = parts.length > 2 || (type != null && type.startsWith("$"))
                || (id != null && (id.startsWith("$") || id.startsWith("_")));
        if (method == null || type == null || operationOrMore) {
            return new RequestShape(type, id, Optional.empty(), null, null, false, name);
        }
        String criteria = entry.getRequest().hasIfNoneExist() ? entry.getRequest().getIfNoneExist()
                : query >= 0 ? url.substring(query + 1) : null;
        RequestShape shape = switch (method) {
            case POST -> id == null ? new RequestShape(type, null, Optional.of(Interaction.CREATE), null, null,
                    entry.getRequest().hasIfNoneExist() || query >= 0, name)
                    : new RequestShape(type, id, Optional.empty(), null, null, false, name);
            case PUT -> new RequestShape(type, id, Optional.of(Interaction.UPDATE), null, null, id == null, name);
            case PATCH -> new RequestShape(type, id, Optional.of(Interaction.PATCH), null, null, id == null, name);
            case DELETE -> new RequestShape(type, id, Optional.of(Interaction.DELETE), null, null, id == null, name);
            default -> new RequestShape(type, id, Optional.empty(), null, null, false, name);
        };
        return shape.conditional() ? shape.withCriteria(criteria) : shape;
    }

    private static RequestShape interaction(String type, String id, Interaction interaction, boolean conditional) {
        return new RequestShape(type, id, Optional.of(interaction), null, null, conditional,
                interaction.code() + (type == null ? "" : " " + type));
    }

    private static RequestShape system(String name) {
        return new RequestShape(null, null, Optional.empty(), null, name, false, name);
    }
}
