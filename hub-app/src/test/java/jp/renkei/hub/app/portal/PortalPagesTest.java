package jp.renkei.hub.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import jp.renkei.hub.core.facility.FacilityRegistry;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.ui.ExtendedModelMap;

class PortalPagesTest {

    @Test
    void anUnexpectedFailureIsTheJapaneseFailurePageWith500() {
        PortalPages pages = new PortalPages(Mockito.mock(FacilityRegistry.class));
        MockHttpServletResponse response = new MockHttpServletResponse();
        ExtendedModelMap model = new ExtendedModelMap();
        String view = pages.failed(new IllegalStateException("database gone"),
                new MockHttpServletRequest("GET", "/portal/patients/x"), response, model);
        assertThat(view).isEqualTo("portal/failed");
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(model.asMap()).containsKey("me").doesNotContainValue("database gone");
    }
}
