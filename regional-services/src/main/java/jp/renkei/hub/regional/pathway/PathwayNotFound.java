package jp.renkei.hub.regional.pathway;

/** No such pathway, or one the requester's facility neither owns nor takes part in: told apart nowhere. */
public class PathwayNotFound extends RuntimeException {

    public PathwayNotFound() {
        super("pathway not found");
    }
}
