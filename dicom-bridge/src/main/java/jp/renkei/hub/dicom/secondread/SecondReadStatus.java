package jp.renkei.hub.dicom.secondread;

/**
 * Where a second read stands. The only moves are requested → in-progress (a radiologist claims it) → reported
 * (the radiologist signs the report) → acknowledged (the requesting facility has read it), and requested →
 * cancelled (by the requester, before anyone has claimed it).
 */
public enum SecondReadStatus {
    REQUESTED, IN_PROGRESS, REPORTED, ACKNOWLEDGED, CANCELLED
}
