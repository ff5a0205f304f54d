package jp.renkei.hub.gateway.jahis;

import java.util.List;

/** One CSV line of a TC file: its line number, type and fields (access as {@link JahisFields}). */
public record TcRecord(int line, TcRecordType type, List<String> fields) implements JahisFields {

    public TcRecord {
        fields = List.copyOf(fields);
    }

    @Override
    public String label() {
        return type.label();
    }
}
