package jp.renkei.hub.app.demo;

import java.util.List;

import jp.renkei.hub.core.facility.AeTitle;
import jp.renkei.hub.core.facility.FacilityApplication;
import jp.renkei.hub.core.facility.FacilityContact;
import jp.renkei.hub.core.facility.FacilityDetails;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.MedicalInstitutionCode;
import jp.renkei.hub.core.facility.PostalAddress;

/**
 * A participating facility of the demo network, registered in the facility registry on first start.
 * Addresses and phone numbers are made up.
 *
 * @param code     the 10-digit medical-institution code (prefecture 07 = Fukushima; fee-schedule digit 1 =
 *                 medical, 4 = pharmacy), or {@code null} for a kind without one, such as the care office
 * @param aeTitles DICOM AE titles of the facility's imaging systems
 */
public record DemoFacility(FacilityKind kind, String code, String name, String kana, String region,
                           PostalAddress address, String phone, List<String> aeTitles) {

    public static final DemoFacility HOSPITAL = new DemoFacility(FacilityKind.HOSPITAL, "0710100017",
            "福島中央総合病院", "フクシマチュウオウソウゴウビョウイン", "県北",
            new PostalAddress("960-8031", "福島県", "福島市", "栄町1-1"), "024-000-0001", List.of("FKS_CHUO_PACS"));
    public static final DemoFacility CLINIC = new DemoFacility(FacilityKind.CLINIC, "0710200023",
            "あいづ内科クリニック", "アイヅナイカクリニック", "会津",
            new PostalAddress("965-0871", "福島県", "会津若松市", "栄町2-3"), "0242-00-0002", List.of());
    public static final DemoFacility PHARMACY = new DemoFacility(FacilityKind.PHARMACY, "0740300015",
            "さくら調剤薬局 郡山店", "サクラチョウザイヤッキョクコオリヤマテン", "県中",
            new PostalAddress("963-8001", "福島県", "郡山市", "大町1-2-3"), "024-000-0003", List.of());
    public static final DemoFacility CARE_OFFICE = new DemoFacility(FacilityKind.CARE_MANAGEMENT_OFFICE, null,
            "ケアプランセンターみらい", "ケアプランセンターミライ", "いわき",
            new PostalAddress("970-8026", "福島県", "いわき市", "平1-4"), "0246-00-0004", List.of());

    public static final List<DemoFacility> ALL = List.of(HOSPITAL, CLINIC, PHARMACY, CARE_OFFICE);

    public DemoFacility {
        aeTitles = List.copyOf(aeTitles);
    }

    /** What the demo loader files with the registry for this facility. */
    public FacilityApplication application() {
        return new FacilityApplication(kind, code == null ? null : new MedicalInstitutionCode(code),
                new FacilityDetails(name, kana, address, region, new FacilityContact(phone, null),
                        aeTitles.stream().map(AeTitle::new).toList()));
    }
}
