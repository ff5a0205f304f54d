package jp.renkei.hub.gateway.jahis;

import java.util.List;

/** One CSV line of a prescription 2D symbol (access as {@link JahisFields}). */
public record RxRecord(int line, RxRecordType type, List<String> fields) implements JahisFields {

    public RxRecord {
        fields = List.copyOf(fields);
    }

    @Override
    public String label() {
        return type.label();
    }
}
