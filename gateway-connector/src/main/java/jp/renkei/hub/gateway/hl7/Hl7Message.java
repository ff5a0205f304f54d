package jp.renkei.hub.gateway.hl7;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jp.renkei.hub.gateway.ingest.IngestFailure;

/** A parsed HL7 v2 message: its segments in the order received, MSH first. */
public final class Hl7Message {

    private final List<Hl7Segment> segments;

    Hl7Message(List<Hl7Segment> segments) {
        this.segments = List.copyOf(segments);
    }

    public List<Hl7Segment> segments() {
        return segments;
    }

    public Hl7Segment msh() {
        return segments.get(0);
    }

    /** MSH-9.1, e.g. {@code RDE}. */
    public String messageCode() {
        return msh().get(9, 1);
    }

    /** MSH-9.2, e.g. {@code O11}. */
    public String triggerEvent() {
        return msh().get(9, 2);
    }

    /** MSH-10. */
    public String controlId() {
        return msh().get(10);
    }

    public List<Hl7Segment> all(String name) {
        return segments.stream().filter(s -> s.name().equals(name)).toList();
    }

    public Optional<Hl7Segment> first(String name) {
        return segments.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Hl7Segment require(String name) throws IngestFailure {
        return first(name).orElseThrow(() -> new IngestFailure("the message has no " + name + " segment",
                msh().location()));
    }

    /**
     * The message cut into groups, each starting at a segment named {@code start} and running up to the next
     * one (segments before the first start are not in any group): e.g. the ORC groups of an RDE^O11.
     */
    public List<List<Hl7Segment>> groupsStartingAt(String start) {
        List<List<Hl7Segment>> groups = new ArrayList<>();
        List<Hl7Segment> current = null;
        for (Hl7Segment segment : segments) {
            if (segment.name().equals(start)) {
                current = new ArrayList<>();
                groups.add(current);
            }
            if (current != null) {
                current.add(segment);
            }
        }
        return groups;
    }
}
