package jp.renkei.hub.gateway.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;
import jp.renkei.hub.gateway.ingest.ErrorLocation;

/**
 * One segment of a message as HAPI parsed it (escape sequences resolved), with its position in the message for
 * precise error locations. Fields, repetitions and components are numbered as in HL7: field 1, component 1;
 * repetitions from 0. Absent values are empty strings, never null.
 */
public final class Hl7Segment {

    private final String name;
    private final int index;
    private final Segment segment;

    Hl7Segment(String name, int index, Segment segment) {
        this.name = name;
        this.index = index;
        this.segment = segment;
    }

    public String name() {
        return name;
    }

    /** 1-based position in the message (MSH is 1). */
    public int index() {
        return index;
    }

    /** First repetition, first component. */
    public String get(int field) {
        return get(field, 0, 1, 1);
    }

    /** First repetition. */
    public String get(int field, int component) {
        return get(field, 0, component, 1);
    }

    public String get(int field, int repetition, int component, int subcomponent) {
        if (field > segment.numFields() || repetitions(field) <= repetition) {
            return "";
        }
        try {
            String value = Terser.get(segment, field, repetition, component, subcomponent);
            return value == null ? "" : value.trim();
        } catch (HL7Exception e) {
            return "";
        }
    }

    public int repetitions(int field) {
        try {
            return field > segment.numFields() ? 0 : segment.getField(field).length;
        } catch (HL7Exception e) {
            return 0;
        }
    }

    public boolean has(int field) {
        return !get(field).isEmpty();
    }

    public ErrorLocation at(int field) {
        return ErrorLocation.field(name, index, field);
    }

    public ErrorLocation at(int field, int component) {
        return at(field).component(component);
    }

    public ErrorLocation location() {
        return ErrorLocation.segment(name, index);
    }

    @Override
    public String toString() {
        return name + "[" + index + "]";
    }
}
