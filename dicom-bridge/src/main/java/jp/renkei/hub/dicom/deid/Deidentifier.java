package jp.renkei.hub.dicom.deid;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.DicomFormatException;
import jp.renkei.hub.dicom.encoding.DicomReader;
import jp.renkei.hub.dicom.encoding.DicomWriter;
import jp.renkei.hub.dicom.encoding.Element;
import jp.renkei.hub.dicom.encoding.SpecificCharacterSet;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Value;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.file.DicomFile;
import jp.renkei.hub.dicom.file.FileMetaInformation;

/**
 * Applies the PS3.15 Annex E Basic Application Level Confidentiality Profile, with the options of
 * {@link DeidOptions}, to data sets and whole Part 10 files.
 *
 * <p>Every element, at every depth of sequences, is decided by its row of {@link ConfidentialityProfile}: the
 * option's action where the chosen option names one, else the Basic Profile's. Attributes the table does not list
 * are kept; private attributes are removed unless whitelisted; group lengths are dropped (they would no longer be
 * true). The hub has no table of every IOD's attribute types, so a combined code takes the alternative that keeps
 * any IOD valid: an element whose code allows D gets a dummy value of its VR (Z/D, X/D, X/Z/D), X/Z becomes Z,
 * X/Z/U* keeps the sequence with its UIDs replaced. A sequence is emptied where the code allows Z, removed where it
 * allows only X or X/D, and kept with "dummy" items (structure and coded values kept, every other text replaced)
 * where it says D. UIDs (U) are replaced by {@link UidRemapper}. Then PatientName and PatientID become the
 * pseudonym, and PatientIdentityRemoved, DeidentificationMethod and its code sequence (113100 plus the options'
 * codes) and Longitudinal Temporal Information Modified are set.
 *
 * <p>An instance whose BurnedInAnnotation is YES is refused with {@link NotDeidentifiableException}: its pixels
 * may show the patient's name, and the hub does not redact pixels.
 */
public final class Deidentifier {

    private static final String DUMMY_TEXT = "DEIDENTIFIED";
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int COPY_CHUNK = 64 * 1024;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private final ConfidentialityProfile profile;
    private final DeidOptions options;

    public Deidentifier(ConfidentialityProfile profile, DeidOptions options) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.options = Objects.requireNonNull(options, "options");
    }

    public DeidOptions options() {
        return options;
    }

    /** The de-identified copy of an instance's data set; the original is not changed. */
    public DataSet deidentify(DataSet original, StudyPseudonym pseudonym) {
        refuseBurnedInAnnotation(original);
        DataSet result = new Release(pseudonym).process(original, false);
        identify(result, pseudonym);
        return result;
    }

    /** What a de-identified file was written as. */
    public record Deidentified(String sopClassUid, String sopInstanceUid, String seriesInstanceUid,
                               String studyInstanceUid, String transferSyntaxUid) {
    }

    /**
     * Reads a Part 10 file and writes its de-identified version in the same transfer syntax. The attributes before
     * the pixel data are read into memory and de-identified; the pixel data element is copied from input to output
     * in chunks, never held whole; what follows it (digital signatures, padding) is de-identified too.
     */
    public Deidentified deidentify(InputStream file, OutputStream out, StudyPseudonym pseudonym) throws IOException {
        FileMetaInformation meta = DicomFile.readHeader(file);
        TransferSyntax syntax = DicomFile.syntaxOf(meta);
        BufferedInputStream in = new BufferedInputStream(file, COPY_CHUNK);
        DataSet head = new DicomReader(in, syntax, Long.MAX_VALUE).readDataSetBefore(Tag.PIXEL_DATA);
        refuseBurnedInAnnotation(head);
        Release release = new Release(pseudonym);
        DataSet deidentified = release.process(head, false);
        identify(deidentified, pseudonym);
        String sopClass = head.string(Tag.SOP_CLASS_UID).orElse(meta.mediaStorageSopClassUid());
        String sop = deidentified.string(Tag.SOP_INSTANCE_UID)
                .orElseGet(() -> release.uids.remap(meta.mediaStorageSopInstanceUid()));
        // The source AE title of the meta group would name the sending facility: not carried over.
        DicomFile.writeHeader(out, FileMetaInformation.byHub(sopClass, sop, syntax.uid(), null));
        DicomWriter writer = new DicomWriter(out, syntax);
        writer.write(deidentified);
        copyPixelData(in, out, syntax.explicitVr());
        DataSet tail = new DicomReader(in, syntax, Long.MAX_VALUE).readDataSet();
        writer.write(release.process(tail, false));
        out.flush();
        return new Deidentified(sopClass, sop, deidentified.string(Tag.SERIES_INSTANCE_UID).orElse(null),
                deidentified.string(Tag.STUDY_INSTANCE_UID).orElse(null), syntax.uid());
    }

    /**
     * Why an instance cannot be released de-identified, judged from its attributes before the pixel data; empty
     * when it can.
     */
    public static Optional<String> refusal(DataSet head) {
        Optional<String> burnedIn = head.string(DeidTags.BURNED_IN_ANNOTATION).map(String::strip);
        if (burnedIn.isPresent() && burnedIn.get().equals("YES")) {
            // no UID in the message: it is shown to people who must not learn the original UIDs
            return Optional.of("the instance has burned-in annotation (0028,0301 = YES): its pixels may identify the patient and are"
                    + " not released de-identified");
        }
        return Optional.empty();
    }

    private static void refuseBurnedInAnnotation(DataSet set) {
        Optional<String> refusal = refusal(set);
        if (refusal.isPresent()) {
            throw new NotDeidentifiableException(refusal.get());
        }
    }

    /** The attributes that say who the patient now is and how the data set was de-identified. */
    private void identify(DataSet set, StudyPseudonym pseudonym) {
        set.setStrings(Tag.PATIENT_NAME, Vr.PN, pseudonym.token());
        set.setStrings(Tag.PATIENT_ID, Vr.LO, pseudonym.token());
        set.setStrings(DeidTags.PATIENT_IDENTITY_REMOVED, Vr.CS, "YES");
        List<DeidCode> codes = new ArrayList<>();
        codes.add(DeidCode.BASIC_PROFILE);
        if (options.dates().code() != null) {
            codes.add(options.dates().code());
        }
        if (options.retainPatientCharacteristics()) {
            codes.add(DeidCode.RETAIN_PATIENT_CHARACTERISTICS);
        }
        // LO values are at most 64 characters; the code meanings are shorter.
        set.setStrings(DeidTags.DEIDENTIFICATION_METHOD, Vr.LO, codes.stream().map(DeidCode::meaning)
                .toArray(String[]::new));
        List<DataSet> items = new ArrayList<>();
        for (DeidCode code : codes) {
            items.add(new DataSet().setStrings(DeidTags.CODE_VALUE, Vr.SH, code.value())
                    .setStrings(DeidTags.CODING_SCHEME_DESIGNATOR, Vr.SH, "DCM")
                    .setStrings(DeidTags.CODE_MEANING, Vr.LO, code.meaning()));
        }
        set.setItems(DeidTags.DEIDENTIFICATION_METHOD_CODE_SEQUENCE, false, items);
        set.setStrings(DeidTags.LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED, Vr.CS,
                options.dates().longitudinalTemporalInformationModified());
    }

    /** Copies the pixel data element, if it is next, byte for byte and in chunks. */
    private static void copyPixelData(BufferedInputStream in, OutputStream out, boolean explicitVr) throws IOException {
        in.mark(8);
        byte[] tag = in.readNBytes(4);
        if (tag.length < 4 || tagAt(tag) != Tag.PIXEL_DATA) {
            in.reset();
            return;
        }
        DataInputStream data = new DataInputStream(in);
        out.write(tag);
        long length;
        if (explicitVr) {
            byte[] vr = readFully(data, 8);
            if (vr[2] != 0 || vr[3] != 0) {
                throw new DicomFormatException("pixel data with a short length field");
            }
            out.write(vr);
            length = littleEndianInt(vr, 4) & 0xFFFFFFFFL;
        } else {
            byte[] field = readFully(data, 4);
            out.write(field);
            length = littleEndianInt(field, 0) & 0xFFFFFFFFL;
        }
        if (length != UNDEFINED) {
            copy(data, out, length);
            return;
        }
        while (true) {
            byte[] item = readFully(data, 8);
            out.write(item);
            int itemTag = tagAt(item);
            long itemLength = littleEndianInt(item, 4) & 0xFFFFFFFFL;
            if (itemTag == Tag.SEQUENCE_DELIMITATION) {
                return;
            }
            if (itemTag != Tag.ITEM || itemLength == UNDEFINED) {
                throw new DicomFormatException("expected a pixel-data fragment, found " + Tag.toString(itemTag));
            }
            copy(data, out, itemLength);
        }
    }

    private static void copy(DataInputStream in, OutputStream out, long length) throws IOException {
        byte[] chunk = new byte[(int) Math.min(Math.max(length, 1), COPY_CHUNK)];
        long remaining = length;
        while (remaining > 0) {
            int n = in.read(chunk, 0, (int) Math.min(remaining, chunk.length));
            if (n < 0) {
                throw new DicomFormatException("truncated: the pixel data ends early", new EOFException());
            }
            out.write(chunk, 0, n);
            remaining -= n;
        }
    }

    private static byte[] readFully(DataInputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new DicomFormatException("truncated: the pixel data element ends early", e);
        }
        return bytes;
    }

    /** A tag as encoded: group, then element, each little endian. */
    private static int tagAt(byte[] b) {
        return Tag.of((b[0] & 0xFF) | (b[1] & 0xFF) << 8, (b[2] & 0xFF) | (b[3] & 0xFF) << 8);
    }

    private static int littleEndianInt(byte[] b, int offset) {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8 | (b[offset + 2] & 0xFF) << 16
                | (b[offset + 3] & 0xFF) << 24;
    }

    /** One release: the pseudonym's UID remapper, applied element by element. */
    private final class Release {

        private final StudyPseudonym pseudonym;
        private final UidRemapper uids;

        Release(StudyPseudonym pseudonym) {
            this.pseudonym = pseudonym;
            this.uids = pseudonym.uids();
        }

        /** @param dummyItems inside a sequence the table says to replace with dummy items */
        DataSet process(DataSet in, boolean dummyItems) {
            DataSet out = new DataSet();
            for (Element element : in.elements()) {
                int tag = element.tag();
                if (Tag.element(tag) == 0) {
                    continue;
                }
                if (Tag.isPrivate(tag)) {
                    if (whitelisted(in, tag)) {
                        out.put(element.value() instanceof Value.Items
                                ? new Element(tag, element.vr(), items(element, dummyItems)) : element);
                    }
                    continue;
                }
                Optional<ConfidentialityProfile.Entry> entry = profile.entry(tag);
                if (entry.isPresent()) {
                    apply(entry.get(), chosen(entry.get()), element, dummyItems).ifPresent(out::put);
                } else {
                    unlisted(element, dummyItems).ifPresent(out::put);
                }
            }
            return out;
        }

        private ProfileAction chosen(ConfidentialityProfile.Entry entry) {
            if (options.dates() == DateHandling.KEEP && entry.fullDates().isPresent()) {
                return entry.fullDates().get();
            }
            if (options.dates() == DateHandling.SHIFT && entry.modifiedDates().isPresent()) {
                return entry.modifiedDates().get();
            }
            if (options.retainPatientCharacteristics() && entry.patientCharacteristics().isPresent()
                    && entry.patientCharacteristics().get() == ProfileAction.K) {
                return ProfileAction.K;
            }
            return entry.basic();
        }

        private Optional<Element> apply(ConfidentialityProfile.Entry entry, ProfileAction action, Element element,
                                        boolean dummyItems) {
            int tag = element.tag();
            boolean sequence = element.value() instanceof Value.Items;
            switch (action) {
                case K:
                    return Optional.of(sequence ? new Element(tag, Vr.SQ, items(element, dummyItems)) : element);
                case C:
                    return shifted(element).or(() -> apply(entry, entry.basic(), element, dummyItems));
                case U:
                case X_Z_U:
                    if (sequence) {
                        return Optional.of(new Element(tag, Vr.SQ, items(element, dummyItems)));
                    }
                    if (element.vr() == Vr.UI) {
                        return Optional.of(remapped(element));
                    }
                    return action == ProfileAction.U ? Optional.of(dummy(element)) : Optional.of(empty(element));
                case X:
                    return Optional.empty();
                default:
                    break;
            }
            if (sequence) {
                if (action.allowsEmpty()) {
                    return Optional.of(new Element(tag, Vr.SQ, new Value.Items(List.of(), false)));
                }
                return action == ProfileAction.D
                        ? Optional.of(new Element(tag, Vr.SQ, items(element, true))) : Optional.empty();
            }
            return Optional.of(action.allowsDummy() ? dummy(element) : empty(element));
        }

        /** An attribute the table does not list: kept, unless it is free text inside a dummy sequence. */
        private Optional<Element> unlisted(Element element, boolean dummyItems) {
            if (element.value() instanceof Value.Items) {
                return Optional.of(new Element(element.tag(), Vr.SQ, items(element, dummyItems)));
            }
            boolean freeText = element.vr().isText() && element.vr() != Vr.UI && element.vr() != Vr.CS;
            return Optional.of(dummyItems && freeText ? dummy(element) : element);
        }

        private Value.Items items(Element element, boolean dummyItems) {
            Value.Items items = (Value.Items) element.value();
            List<DataSet> processed = new ArrayList<>();
            for (DataSet item : items.items()) {
                processed.add(process(item, dummyItems));
            }
            return new Value.Items(processed, items.undefinedLength());
        }

        private boolean whitelisted(DataSet set, int tag) {
            int group = Tag.group(tag);
            int element = Tag.element(tag);
            if (element >= 0x0010 && element <= 0x00FF) {
                return set.string(tag).map(String::strip)
                        .filter(creator -> options.privateWhitelist().keepsAnyOf(group, creator)).isPresent();
            }
            int block = element >> 8;
            if (block < 0x10) {
                return false;
            }
            return set.string(Tag.of(group, block)).map(String::strip)
                    .filter(creator -> options.privateWhitelist().keeps(group, element & 0xFF, creator)).isPresent();
        }

        private Element remapped(Element element) {
            List<String> originals = values(element);
            String[] replaced = originals.stream().map(v -> v.isEmpty() ? v : uids.remap(v)).toArray(String[]::new);
            return text(element, replaced);
        }

        /** A date or date-time moved by the pseudonym's shift; empty when the value is not one. */
        private Optional<Element> shifted(Element element) {
            if (element.vr() == Vr.TM) {
                return Optional.of(element);
            }
            if (element.vr() != Vr.DA && element.vr() != Vr.DT) {
                return Optional.empty();
            }
            List<String> shifted = new ArrayList<>();
            for (String value : values(element)) {
                if (value.isEmpty()) {
                    shifted.add(value);
                    continue;
                }
                if (value.length() < 8) {
                    return Optional.empty();
                }
                try {
                    LocalDate date = LocalDate.parse(value.substring(0, 8), DA).plusDays(pseudonym.dateShiftDays());
                    shifted.add(date.format(DA) + value.substring(8));
                } catch (DateTimeParseException e) {
                    return Optional.empty();
                }
            }
            return Optional.of(text(element, shifted.toArray(String[]::new)));
        }
    }

    private static List<String> values(Element element) {
        if (!(element.value() instanceof Value.Bytes bytes) || bytes.bytes().length == 0) {
            return List.of();
        }
        return SpecificCharacterSet.DEFAULT.decodeValues(bytes.bytes(), element.vr()).stream()
                .map(v -> v.replace("\0", "").strip()).toList();
    }

    private static Element text(Element element, String... values) {
        byte[] bytes = SpecificCharacterSet.DEFAULT.encode(String.join("\\", values), element.vr());
        return new Element(element.tag(), element.vr(), new Value.Bytes(bytes));
    }

    private static Element empty(Element element) {
        return new Element(element.tag(), element.vr(), new Value.Bytes(new byte[0]));
    }

    private static int unitOf(Vr vr) {
        switch (vr) {
            case UL:
            case SL:
            case FL:
            case AT:
            case OF:
            case OL:
                return 4;
            case FD:
            case SV:
            case UV:
            case OD:
            case OV:
                return 8;
            default:
                return 2;
        }
    }

    /** A non-empty value of the element's VR that says nothing. */
    private static Element dummy(Element element) {
        Vr vr = element.vr();
        switch (vr) {
            case DA:
                return text(element, "19000101");
            case DT:
                return text(element, "19000101000000");
            case TM:
                return text(element, "000000");
            case AS:
                return text(element, "000Y");
            case DS:
            case IS:
                return text(element, "0");
            case UR:
                return text(element, "urn:deidentified");
            case UI:
                return text(element, "2.25.0");
            case AE:
            case CS:
            case LO:
            case LT:
            case PN:
            case SH:
            case ST:
            case UC:
            case UT:
                return text(element, DUMMY_TEXT);
            default:
                // zeros, as many bytes as the original had (at least one value's worth)
                int length = element.value() instanceof Value.Bytes bytes ? bytes.bytes().length : 0;
                return new Element(element.tag(), vr, new Value.Bytes(new byte[length > 0 ? length : unitOf(vr)]));
        }
    }
}
