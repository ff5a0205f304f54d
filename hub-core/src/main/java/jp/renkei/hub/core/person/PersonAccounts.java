package jp.renkei.hub.core.person;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Account administration within a facility: invite a person (one account per person, so a login or
 * e-mail already in use anywhere is refused), grant or withdraw facility administration, unlock, retire.
 * Administrators act only on people who are members of their facility.
 */
@Service
public class PersonAccounts {

    public record Invited(Person person, String activationCode, Instant activationExpiresAt) {
    }

    /** A person of a facility, and whether they administer it. */
    public record Member(Person person, boolean admin) {
    }

    /** Hashes and session ends are another concern; this interface is the seam to the auth package. */
    public interface Credentials {
        String newActivationCode();

        String hashActivationCode(String code);

        java.time.Duration activationValidity();

        void endSessionsOf(String personId);
    }

    /** People are set up from application to go-live and while active or suspended; not after withdrawal. */
    private static final Set<FacilityStatus> STAFFED = EnumSet.of(
            FacilityStatus.APPLIED, FacilityStatus.APPROVED, FacilityStatus.ACTIVE, FacilityStatus.SUSPENDED);

    private final PersonStore people;
    private final Credentials credentials;
    private final FacilityRegistry facilities;
    private final Clock clock;

    public PersonAccounts(PersonStore people, Credentials credentials, FacilityRegistry facilities, Clock clock) {
        this.people = people;
        this.credentials = credentials;
        this.facilities = facilities;
        this.clock = clock;
    }

    @Transactional
    public Invited invite(String facilityId, PersonInvitation invitation, HubPrincipal actor) {
        Facility facility = facilities.require(facilityId, STAFFED, "add people");
        checkMayGrant(actor, facility, invitation.profession());
        String actorId = actor.id();
        if (people.loginOrEmailTaken(invitation.login(), invitation.email())) {
            throw ApiException.conflict("Login '" + invitation.login() + "' or e-mail '" + invitation.email()
                    + "' already belongs to a person: the hub gives each person exactly one account;"
                    + " add the existing person to this facility instead");
        }
        Instant now = clock.instant();
        Person person = new Person(UUID.randomUUID().toString(), invitation.login(), invitation.email(),
                invitation.displayName(), invitation.nameKana(), invitation.profession(), PersonStatus.INVITED,
                false, null, now);
        String code = credentials.newActivationCode();
        Instant expires = now.plus(credentials.activationValidity());
        try {
            people.insert(person, credentials.hashActivationCode(code), expires, actorId);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("Login or e-mail already belongs to a person (one account per person)");
        }
        // A facility administrator by profession administers the facility that invites them.
        boolean admin = invitation.facilityAdmin() || invitation.profession() == Profession.FACILITY_ADMIN;
        people.addMembership(new Membership(person.id(), facilityId, admin), actorId);
        return new Invited(person, code, expires);
    }

    @Transactional
    public void addMember(String facilityId, String personId, boolean admin, HubPrincipal actor) {
        Facility facility = facilities.require(facilityId, STAFFED, "add people");
        String actorId = actor.id();
        Person person = people.byId(personId).orElseThrow(() -> ApiException.notFound("Person " + personId));
        checkMayGrant(actor, facility, person.profession());
        if (person.status() == PersonStatus.RETIRED) {
            throw ApiException.conflict("Person " + personId + " is retired");
        }
        people.addMembership(new Membership(personId, facilityId, admin), actorId);
        credentials.endSessionsOf(personId); // roles changed: sessions must pick them up at next login
    }

    @Transactional(readOnly = true)
    public List<Person> members(String facilityId) {
        return people.membersOf(facilityId);
    }

    /** The people of the facility with their administrator flag, by name. */
    @Transactional(readOnly = true)
    public List<Member> membersWithRoles(String facilityId) {
        Set<String> admins = Set.copyOf(people.adminsOf(facilityId));
        return people.membersOf(facilityId).stream().map(p -> new Member(p, admins.contains(p.id()))).toList();
    }

    /**
     * One person of the facility; 404 for a person of another facility exactly as for an unknown or malformed ID.
     */
    @Transactional(readOnly = true)
    public Member memberOf(String facilityId, String personId) {
        Person person = member(facilityId, personId);
        boolean admin = people.memberships(personId).stream()
                .anyMatch(m -> m.facilityId().equals(facilityId) && m.admin());
        return new Member(person, admin);
    }

    /**
     * Grants or withdraws the administration of the facility to one of its people (never to oneself: an
     * administrator cannot withdraw their own flag and leave the facility without one by mistake). The person's
     * sessions end, so the new roles apply at the next login.
     */
    @Transactional
    public Member setAdmin(String facilityId, String personId, boolean admin, HubPrincipal actor) {
        Person person = member(facilityId, personId);
        if (person.id().equals(actor.id())) {
            throw ApiException.conflict("An administrator cannot change their own administrator flag");
        }
        if (person.status() == PersonStatus.RETIRED) {
            throw ApiException.conflict("Person " + personId + " is retired");
        }
        if (!admin && person.profession() == Profession.FACILITY_ADMIN) {
            throw ApiException.conflict("A facility administrator by profession administers their facility");
        }
        people.addMembership(new Membership(personId, facilityId, admin), actor.id());
        credentials.endSessionsOf(personId);
        return new Member(people.byId(personId).orElseThrow(), admin);
    }

    @Transactional
    public Person unlock(String facilityId, String personId) {
        Person person = member(facilityId, personId);
        if (person.status() != PersonStatus.LOCKED) {
            throw ApiException.conflict("Person " + personId + " is " + person.status() + ", not LOCKED");
        }
        people.setStatus(personId, PersonStatus.ACTIVE);
        return people.byId(personId).orElseThrow();
    }

    /** A new activation code for an invited person whose code expired or was lost. */
    @Transactional
    public Invited renewInvitation(String personId) {
        Person person = people.byId(personId).orElseThrow(() -> ApiException.notFound("Person " + personId));
        if (person.status() != PersonStatus.INVITED) {
            throw ApiException.conflict("Person " + personId + " is " + person.status() + ", not INVITED");
        }
        String code = credentials.newActivationCode();
        Instant expires = clock.instant().plus(credentials.activationValidity());
        people.renewActivation(personId, credentials.hashActivationCode(code), expires);
        return new Invited(person, code, expires);
    }

    /** Clears a member's authenticator and recovery codes (lost phone); they enrol again at the next login. */
    @Transactional
    public Person resetTwoFactor(String facilityId, String personId) {
        member(facilityId, personId);
        people.resetTwoFactor(personId);
        credentials.endSessionsOf(personId);
        return people.byId(personId).orElseThrow();
    }

    /**
     * Ends the person's membership of this facility; when it was their last one, the account is retired for
     * good. Sessions end either way, so roles are recomputed at the next login.
     */
    @Transactional
    public Person retire(String facilityId, String personId) {
        Person person = member(facilityId, personId);
        if (person.status() == PersonStatus.RETIRED) {
            throw ApiException.conflict("Person " + personId + " is already retired");
        }
        people.removeMembership(personId, facilityId);
        if (people.memberships(personId).isEmpty()) {
            people.setStatus(personId, PersonStatus.RETIRED);
        }
        credentials.endSessionsOf(personId);
        return people.byId(personId).orElseThrow();
    }

    /**
     * Hub administrators exist only in the hub operator's facility and only hub administrators make them;
     * everything else a facility's own administrators may grant there.
     */
    private static void checkMayGrant(HubPrincipal actor, Facility facility, Profession profession) {
        if (profession == Profession.HUB_ADMIN) {
            if (!actor.has(HubRole.HUB_ADMIN)) {
                throw new ApiException(HttpStatus.FORBIDDEN, "Only hub administrators may create hub administrators");
            }
            if (facility.kind() != FacilityKind.HUB_OPERATOR) {
                throw ApiException.invalid("profession", "HUB_ADMIN belongs to the hub operator's facility only");
            }
        }
    }

    private Person member(String facilityId, String personId) {
        if (!isUuid(personId)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "Person " + personId + " not found in facility " + facilityId);
        }
        boolean isMember = people.memberships(personId).stream().anyMatch(m -> m.facilityId().equals(facilityId));
        if (!isMember) {
            // Same answer as for an unknown person: an administrator learns nothing about other facilities.
            throw new ApiException(HttpStatus.NOT_FOUND, "Person " + personId + " not found in facility " + facilityId);
        }
        return people.byId(personId).orElseThrow();
    }

    private static boolean isUuid(String id) {
        try {
            return id != null && UUID.fromString(id).toString().equalsIgnoreCase(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
