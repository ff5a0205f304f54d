/**
 * DICOM from hospital PACS: Part 10 files, the upper-layer protocol and DIMSE services, storage and
 * index, DICOMweb, de-identification and the second-read worklist. Implemented here, because no Java
 * DICOM networking library is on Maven Central.
 */
package jp.renkei.hub.dicom;
