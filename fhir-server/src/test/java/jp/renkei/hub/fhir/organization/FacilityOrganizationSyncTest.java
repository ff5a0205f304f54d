package jp.renkei.hub.fhir.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;

/**
 * Which Organization a facility is written to, against an in-memory stand-in for HAPI's Organization DAO
 * that resolves identifier searches and conditional updates as HAPI does.
 */
class FacilityOrganizationSyncTest {

    private final Transactions transactions = new Transactions();
    private final OrganizationStore store = new OrganizationStore(transactions);
    private final FacilityOrganizationSync sync = new FacilityOrganizationSync(store.registry(), transactions);

    @Test
    void aFacilityHasOneOrganizationHoweverOftenItIsWritten() {
        Facility facility = OrganizationMapperTest.facility(FacilityKind.HOSPITAL, "0710100017", FacilityStatus.ACTIVE, null);

        IIdType first = sync.sync(facility);
        IIdType second = sync.sync(withStatus(facility, FacilityStatus.SUSPENDED));

        assertThat(second).isEqualTo(first);
        assertThat(store.organizations).hasSize(1);
        assertThat(store.organizations.get(first.getIdPart()).getActive()).isFalse();
    }

    @Test
    void anOrganizationCarryingTheCodeButNoHubIdIsTakenOverNotDuplicated() {
        Organization legacy = new Organization().setName("福島中央総合病院");
        legacy.addIdentifier().setSystem(JpCoreSystems.MEDICAL_INSTITUTION_NO).setValue("0710100017");
        String legacyId = store.create(legacy);

        IIdType written = sync.sync(
                OrganizationMapperTest.facility(FacilityKind.HOSPITAL, "0710100017", FacilityStatus.ACTIVE, null));

        assertThat(written.getIdPart()).isEqualTo(legacyId);
        assertThat(store.organizations).hasSize(1);
        assertThat(store.organizations.get(legacyId).getIdentifier()).extracting(Identifier::getSystem)
                .containsExactly(HubSystems.FACILITY, JpCoreSystems.MEDICAL_INSTITUTION_NO);
        assertThat(sync.sync(OrganizationMapperTest.facility(FacilityKind.HOSPITAL, "0710100017",
                FacilityStatus.SUSPENDED, null)).getIdPart()).isEqualTo(legacyId);
    }

    @Test
    void anOrganizationAlreadyClaimedByAHubIdIsLeftToItsFacility() {
        Organization other = new Organization().setName("別施設");
        other.addIdentifier().setSystem(HubSystems.FACILITY).setValue("another-facility");
        other.addIdentifier().setSystem(JpCoreSystems.MEDICAL_INSTITUTION_NO).setValue("0710100017");
        String otherId = store.create(other);

        IIdType written = sync.sync(
                OrganizationMapperTest.facility(FacilityKind.HOSPITAL, "0710100017", FacilityStatus.ACTIVE, null));

        assertThat(written.getIdPart()).isNotEqualTo(otherId);
        assertThat(store.organizations.get(otherId).getName()).isEqualTo("別施設");
    }

    @Test
    void everyWriteHappensInANewTransactionOfItsOwn() {
        sync.sync(OrganizationMapperTest.facility(FacilityKind.CARE_MANAGEMENT_OFFICE, null, FacilityStatus.ACTIVE, null));

        assertThat(transactions.propagations).containsExactly(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        assertThat(transactions.open).isFalse();
        assertThat(store.organizations).hasSize(1);
    }

    private static Facility withStatus(Facility facility, FacilityStatus status) {
        return new Facility(facility.id(), facility.kind(), facility.medicalInstitutionCode(), facility.details(),
                status, facility.createdAt(), facility.updatedAt(), facility.updatedBy());
    }

    /** Records the transactions asked for; the store refuses work outside one. */
    static final class Transactions implements PlatformTransactionManager {
        final List<Integer> propagations = new ArrayList<>();
        boolean open;

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            propagations.add(definition.getPropagationBehavior());
            open = true;
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
            open = false;
        }

        @Override
        public void rollback(TransactionStatus status) {
            open = false;
        }
    }

    /** Organizations by ID, behind the three DAO methods the sync uses. */
    static final class OrganizationStore implements InvocationHandler {
        final Map<String, Organization> organizations = new LinkedHashMap<>();
        private final Transactions transactions;
        private int nextId = 1;

        OrganizationStore(Transactions transactions) {
            this.transactions = transactions;
        }

        DaoRegistry registry() {
            @SuppressWarnings("unchecked")
            IFhirResourceDao<Organization> dao = (IFhirResourceDao<Organization>) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {IFhirResourceDao.class}, this);
            return new DaoRegistry() {
                @Override
                @SuppressWarnings("unchecked")
                public <R extends IBaseResource> IFhirResourceDao<R> getResourceDao(Class<R> type) {
                    assertThat(type).isEqualTo(Organization.class);
                    return (IFhirResourceDao<R>) dao;
                }
            };
        }

        String create(Organization organization) {
            String id = String.valueOf(nextId++);
            organizations.put(id, (Organization) organization.copy().setId(new IdType("Organization", id)));
            return id;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            if (!transactions.open) {
                throw new IllegalStateException("DAO used outside a transaction: " + method.getName());
            }
            return switch (method.getName() + "/" + args.length) {
                case "search/2" -> new SimpleBundleProvider(matching(token((SearchParameterMap) args[0])));
                case "update/2" -> stored((Organization) args[0], ((Organization) args[0]).getIdElement().getIdPart());
                case "update/3" -> conditionalUpdate((Organization) args[0], (String) args[1]);
                // the sync is meant to use only these three calls: anything else is a failure of the test
                default -> throw new AssertionError("unexpected DAO call " + method.getName() + " by the sync");
            };
        }

        private DaoMethodOutcome conditionalUpdate(Organization organization, String matchUrl) {
            String[] systemAndValue = matchUrl.substring(matchUrl.indexOf("identifier=") + "identifier=".length())
                    .split("\\|", 2);
            List<Organization> matches = matching(new TokenParam(systemAndValue[0], systemAndValue[1]));
            assertThat(matches).as("a conditional update matching several resources fails").hasSizeLessThan(2);
            return matches.isEmpty() ? stored(organization, String.valueOf(nextId++))
                    : stored(organization, matches.get(0).getIdElement().getIdPart());
        }

        private DaoMethodOutcome stored(Organization organization, String id) {
            IdType versioned = new IdType("Organization", id, "1");
            organizations.put(id, (Organization) organization.copy().setId(versioned));
            DaoMethodOutcome outcome = new DaoMethodOutcome();
            outcome.setId(versioned);
            return outcome;
        }

        private List<Organization> matching(TokenParam token) {
            return organizations.values().stream()
                    .filter(o -> o.getIdentifier().stream().anyMatch(i ->
                            i.getSystem().equals(token.getSystem()) && i.getValue().equals(token.getValue())))
                    .map(Organization::copy)
                    .toList();
        }

        private static TokenParam token(SearchParameterMap query) {
            return (TokenParam) query.get("identifier").get(0).get(0);
        }
    }
}
