package jp.renkei.hub.dicom.deid;

import java.util.Objects;

/**
 * How the de-identifier applies the Basic Profile.
 *
 * @param dates                         keep, shift or remove dates and times
 * @param retainPatientCharacteristics  the Retain Patient Characteristics Option (DCM 113108): sex, age, size,
 *                                      weight, smoking and pregnancy status are kept, as a reader needs them
 * @param privateWhitelist              private attributes kept although the profile removes private attributes
 */
public record DeidOptions(DateHandling dates, boolean retainPatientCharacteristics, PrivateWhitelist privateWhitelist) {

    public DeidOptions {
        Objects.requireNonNull(dates, "dates");
        Objects.requireNonNull(privateWhitelist, "privateWhitelist");
    }
}
