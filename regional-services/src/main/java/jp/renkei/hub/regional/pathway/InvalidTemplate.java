package jp.renkei.hub.regional.pathway;

/**
 * A template file the hub refuses to start with: the file, where in it (a JSON path such as
 * {@code stages[1].sheets[0].items[2].type}) and what is wrong.
 */
public class InvalidTemplate extends RuntimeException {

    public InvalidTemplate(String file, String path, String problem) {
        super("Pathway template " + file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }
}
