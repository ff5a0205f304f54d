package jp.renkei.hub.fhir;

import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The resource whose next storage encoding is the first pass of a FHIR transaction's create, on this thread.
 *
 * <p>HAPI (8.8) stores each resource a transaction creates in two passes (see {@link IndexOnceInTransactions}).
 * The first pass encodes the new resource to JSON only to compare hashes and creates no history row; the second
 * pass, after the {@code urn:uuid:} references are replaced, encodes it again and stores that text. The
 * extractor, which HAPI calls right before the first pass's encoding, marks the resource here; the history
 * calculator takes the mark for that same resource object only. Any other call clears it, so a mark that was not
 * taken (an exception in between) can never skip another resource's encoding.
 */
public final class FirstPassOfCreate {

    private static final ThreadLocal<IBaseResource> MARKED = new ThreadLocal<>();

    private FirstPassOfCreate() {
    }

    /** Marks {@code resource} (or clears the mark, with {@code null}). */
    public static void mark(IBaseResource resource) {
        if (resource == null) {
            MARKED.remove();
        } else {
            MARKED.set(resource);
        }
    }

    /** Whether this encoding of {@code resource} is a marked first pass; the mark is taken either way. */
    public static boolean take(IBaseResource resource) {
        IBaseResource marked = MARKED.get();
        MARKED.remove();
        return marked != null && marked == resource;
    }
}
