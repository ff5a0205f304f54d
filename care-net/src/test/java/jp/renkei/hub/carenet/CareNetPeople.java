package jp.renkei.hub.carenet;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jp.renkei.hub.core.facility.FacilityApplication;
import jp.renkei.hub.core.facility.FacilityContact;
import jp.renkei.hub.core.facility.FacilityDetails;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.facility.MedicalInstitutionCode;
import jp.renkei.hub.core.facility.PostalAddress;
import jp.renkei.hub.core.person.Membership;
import jp.renkei.hub.core.person.Person;
import jp.renkei.hub.core.person.PersonStatus;
import jp.renkei.hub.core.person.PersonStore;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubPrincipal;

/** Active facilities and people (real rows in hub.person) for the care-net tests. */
public final class CareNetPeople {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(8_000_000);

    private final FacilityRegistry facilities;
    private final PersonStore people;

    public CareNetPeople(FacilityRegistry facilities, PersonStore people) {
        this.facilities = facilities;
        this.people = people;
    }

    public String facility(FacilityKind kind, String name) {
        int n = SEQUENCE.incrementAndGet();
        FacilityDetails details = new FacilityDetails(name + n, "テスト", new PostalAddress("960-8001", "福島県", "福島市",
                "大町2-2"), "県北", new FacilityContact("024-000-0002", "carenet" + n + "@example.jp"), List.of());
        MedicalInstitutionCode code = kind == FacilityKind.CLINIC ? new MedicalInstitutionCode(String.format("071%07d", n))
                : null;
        String id = facilities.apply(new FacilityApplication(kind, code, details), "test").id();
        facilities.changeStatus(id, FacilityStatus.APPROVED, "test", "test");
        facilities.changeStatus(id, FacilityStatus.ACTIVE, "test", "test");
        return id;
    }

    /** A person of the facility, acting for it with the role of their profession. */
    public HubPrincipal person(String facilityId, Profession profession, String name) {
        String id = UUID.randomUUID().toString();
        String login = "cn" + SEQUENCE.incrementAndGet();
        people.insert(new Person(id, login, login + "@example.jp", name, null, profession, PersonStatus.ACTIVE, true,
                Instant.now(), Instant.now()), "unused", Instant.now(), "test");
        people.addMembership(new Membership(id, facilityId, false), "test");
        return new HubPrincipal(HubPrincipal.Kind.PERSON, id, name, facilityId, Set.of(profession.role()));
    }

    public static String email(HubPrincipal person, PersonStore people) {
        return people.byId(person.id()).orElseThrow().email();
    }
}
