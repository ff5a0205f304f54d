package jp.renkei.hub.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.auth.AccountCredentials;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.PersonStatus;
import jp.renkei.hub.core.person.PersonStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The demo people of a first start: invited like anyone, their activation codes in an owner-only file that
 * actually activates them; a later start leaves activated people alone and renews the others' codes.
 */
@HubIntegrationTest
class DemoPeopleIT {

    private static final Path FILE = HubIntegrationTest.HOME.resolve("demo/people.txt");

    @Autowired
    ApplicationContext context;

    private static Map<String, String> codes() throws IOException {
        Map<String, String> codes = new HashMap<>();
        Matcher line = Pattern.compile("(?m)^(demo-[a-z-]+)\\s+\\S+\\s+.+?\\s{2,}([A-Za-z0-9-]{8,})  \\(")
                .matcher(Files.readString(FILE));
        while (line.find()) {
            codes.put(line.group(1), line.group(2));
        }
        return codes;
    }

    @Test
    void theFirstStartInvitesOnePersonPerRoleAndTheirCodesActivateThem() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(FILE))).isEqualTo("rw-------");
        assertThat(Files.readString(FILE)).contains("/portal/login/activate", DemoFacility.HOSPITAL.name());
        Map<String, String> before = codes();
        assertThat(before.keySet()).containsExactlyInAnyOrderElementsOf(DemoPeople.ALL.stream()
                .map(DemoPeople.DemoPerson::login).toList());
        PersonStore people = context.getBean(PersonStore.class);
        for (DemoPeople.DemoPerson demo : DemoPeople.ALL) {
            assertThat(people.accountByLogin(demo.login())).hasValueSatisfying(a ->
                    assertThat(a.person().profession()).isEqualTo(demo.profession()));
        }

        context.getBean(AccountCredentials.class).activate("demo-care-manager", before.get("demo-care-manager"),
                TestPeople.PASSWORD);
        assertThat(people.accountByLogin("demo-care-manager").orElseThrow().person().status())
                .isEqualTo(PersonStatus.ACTIVE);

        Map<DemoFacility, String> ids = new HashMap<>();
        var registry = context.getBean(FacilityRegistry.class);
        DemoFacility.ALL.forEach(f -> ids.put(f, registry.list(null, null, null).stream()
                .filter(r -> r.details().name().equals(f.name())).findFirst().orElseThrow().id()));
        context.getBean(DemoPeople.class).ensure(ids);
        Map<String, String> after = codes();
        assertThat(after).doesNotContainKey("demo-care-manager");
        assertThat(Files.readString(FILE)).containsPattern("demo-care-manager .*有効化済み");
        assertThat(after.get("demo-hospital-doctor")).isNotNull().isNotEqualTo(before.get("demo-hospital-doctor"));
    }
}
