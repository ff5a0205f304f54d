/** When data last arrived from each facility: written by the ingest and DICOM modules, read by the VPN status. */
package jp.renkei.hub.core.arrival;
