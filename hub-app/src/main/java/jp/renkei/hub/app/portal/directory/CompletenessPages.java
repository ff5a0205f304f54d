package jp.renkei.hub.app.portal.directory;

import jp.renkei.hub.regional.directory.Completeness;
import jp.renkei.hub.regional.directory.ProfileField;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The operator's view of the directory ({@code /portal/operator/directory}): each facility's missing profile parts. */
@Controller
class CompletenessPages {

    private final Completeness completeness;

    CompletenessPages(Completeness completeness) {
        this.completeness = completeness;
    }

    @GetMapping("/portal/operator/directory")
    String page(Model model) {
        model.addAttribute("rows", completeness.rows());
        model.addAttribute("fields", ProfileField.values());
        return "portal/directory/completeness";
    }
}
