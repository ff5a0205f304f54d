package jp.renkei.hub.fhir.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.hl7.fhir.r4.model.BackboneElement;
import org.hl7.fhir.r4.model.BackboneType;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;

/**
 * Finds the elements of one type in an R4 resource by its own child lists ({@link Base#children()}), for the
 * checks every write and every shown resource passes. HAPI's {@code FhirTerser} visits the same tree through
 * reflection on each field and took about twice as long for a reference walk (13.6 against 6.4 µs per resource
 * over 6,405 Synthea resources; docs/benchmarks.md, the twelfth round). The walk also enters the extensions of
 * primitive values (e.g. {@code Observation.issued}), which the terser's reference walk leaves out: a reference
 * there is checked like any other.
 */
public final class ElementWalk {

    /** An element found, with its path below the resource ({@code subject}, {@code contained.managingOrganization}). */
    public record Found<T extends Base>(T element, String path) {
    }

    private ElementWalk() {
    }

    /** Every non-empty {@link Reference} in {@code root}, contained and nested resources included. */
    public static List<Found<Reference>> references(Base root) {
        return find(root, Reference.class);
    }

    /** Every non-empty element of {@code type} in {@code root}, contained and nested resources included. */
    public static <T extends Base> List<Found<T>> find(Base root, Class<T> type) {
        List<Found<T>> found = new ArrayList<>();
        walk(root, type, new ArrayDeque<>(), found);
        return found;
    }

    private static <T extends Base> void walk(Base element, Class<T> type, Deque<String> path, List<Found<T>> found) {
        if (type.isInstance(element) && !element.isEmpty()) {
            found.add(new Found<>(type.cast(element), String.join(".", path)));
        }
        // Extensions are walked from the element itself: the model's child lists leave some out (BackboneType's,
        // e.g. Dosage.extension, does not name them).
        walkAll(extensions(element), "extension", type, path, found);
        walkAll(modifierExtensions(element), "modifierExtension", type, path, found);
        if (element.isPrimitive()) {
            return; // nothing below a primitive but its id and extensions
        }
        for (Property property : element.children()) {
            String name = name(property);
            if (property.hasValues() && !name.equals("extension") && !name.equals("modifierExtension")) {
                walkAll(property.getValues(), name, type, path, found);
            }
        }
    }

    private static <T extends Base> void walkAll(List<? extends Base> values, String name, Class<T> type,
                                                 Deque<String> path, List<Found<T>> found) {
        if (values.isEmpty()) {
            return;
        }
        path.addLast(name);
        for (Base value : values) {
            if (value != null) {
                walk(value, type, path, found);
            }
        }
        path.removeLast();
    }

    private static List<Extension> extensions(Base element) {
        if (element instanceof Element withExtensions) {
            return withExtensions.hasExtension() ? withExtensions.getExtension() : List.of();
        }
        if (element instanceof DomainResource resource) {
            return resource.hasExtension() ? resource.getExtension() : List.of();
        }
        return List.of();
    }

    private static List<Extension> modifierExtensions(Base element) {
        if (element instanceof BackboneElement backbone) {
            return backbone.hasModifierExtension() ? backbone.getModifierExtension() : List.of();
        }
        if (element instanceof BackboneType backbone) {
            return backbone.hasModifierExtension() ? backbone.getModifierExtension() : List.of();
        }
        if (element instanceof DomainResource resource) {
            return resource.hasModifierExtension() ? resource.getModifierExtension() : List.of();
        }
        return List.of();
    }

    /** {@code value[x]} as the terser and error messages name it: {@code value}. */
    private static String name(Property property) {
        String name = property.getName();
        return name.endsWith("[x]") ? name.substring(0, name.length() - 3) : name;
    }
}
