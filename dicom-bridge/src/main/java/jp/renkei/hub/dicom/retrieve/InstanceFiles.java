package jp.renkei.hub.dicom.retrieve;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.DicomReader;
import jp.renkei.hub.dicom.encoding.DicomWriter;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.file.DicomFile;
import jp.renkei.hub.dicom.file.FileMetaInformation;
import jp.renkei.hub.dicom.store.ObjectStore;
import org.springframework.stereotype.Component;

/**
 * Stored instances as a requester may have them. A facility's own instances are streamed from the object
 * store byte for byte. Another facility's carry that facility's local patient ID, which must not leave the
 * hub: such an instance is read into memory (one instance at a time, never a study), its PatientID replaced by
 * the event number, the issuer and other patient IDs removed, and re-encoded. The same happens when the
 * uncompressed syntax wanted differs from the stored one; pixel data is never transcoded.
 */
@Component
public class InstanceFiles {

    /** Patient identifiers of the source facility that another facility must not receive. */
    private static final int[] FOREIGN_PATIENT_IDS = {0x00100021, 0x00100024, 0x00101000, 0x00101002};

    private final ObjectStore store;

    InstanceFiles(ObjectStore store) {
        this.store = store;
    }

    /** The stored transfer syntax of an item. */
    public static TransferSyntax syntaxOf(Retrieval.Item item) throws IOException {
        return TransferSyntax.of(item.instance().transferSyntaxUid()).orElseThrow(() -> new IOException(
                "instance " + item.instance().sopInstanceUid() + " is stored in an unknown transfer syntax"));
    }

    /** The data set alone (no Part 10 header), encoded in {@code target}; the caller closes the stream. */
    public InputStream dataSet(Retrieval.Item item, TransferSyntax target) throws IOException {
        TransferSyntax stored = syntaxOf(item);
        InputStream file = new BufferedInputStream(store.open(item.instance().storageKey()), 64 * 1024);
        try {
            DicomFile.readHeader(file);
            if (item.own() && target == stored) {
                return file;
            }
            try (file) {
                DataSet set = new DicomReader(file, stored, Long.MAX_VALUE).readDataSet();
                return new ByteArrayInputStream(DicomWriter.encode(shown(item, set), target.explicitVr()));
            }
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** The whole Part 10 file in its stored syntax, as the requester may have it. */
    public InputStream part10(Retrieval.Item item) throws IOException {
        if (item.own()) {
            return store.open(item.instance().storageKey());
        }
        TransferSyntax stored = syntaxOf(item);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DicomFile.writeHeader(header, FileMetaInformation.byHub(item.instance().sopClassUid(),
                item.instance().sopInstanceUid(), stored.uid(), null));
        return new SequenceInputStream(new ByteArrayInputStream(header.toByteArray()), dataSet(item, stored));
    }

    /** The data set parsed, values of bulk VRs longer than {@code bulkThreshold} skipped. */
    public DataSet read(Retrieval.Item item, long bulkThreshold) throws IOException {
        try (InputStream file = new BufferedInputStream(store.open(item.instance().storageKey()), 64 * 1024)) {
            DicomFile.readHeader(file);
            return shown(item, new DicomReader(file, syntaxOf(item), bulkThreshold).readDataSet());
        }
    }

    private static DataSet shown(Retrieval.Item item, DataSet set) {
        if (!item.own()) {
            for (int tag : FOREIGN_PATIENT_IDS) {
                set.remove(tag);
            }
            set.setStrings(Tag.PATIENT_ID, Vr.LO, item.patientId());
        }
        return set;
    }
}
