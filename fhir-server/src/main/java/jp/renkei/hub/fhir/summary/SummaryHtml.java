package jp.renkei.hub.fhir.summary;

import java.util.List;

import jp.renkei.hub.fhir.views.SourceFacilities;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * The summary in readable Japanese XHTML: one table per section (日付・内容・詳細・情報提供元), used as each
 * section's narrative, and a whole HTML page for {@code render=html}.
 */
@Component
public class SummaryHtml {

    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    private final SourceFacilities facilities;

    public SummaryHtml(SourceFacilities facilities) {
        this.facilities = facilities;
    }

    /** A section's narrative {@code <div>}. */
    public String section(SummarySection section) {
        StringBuilder html = new StringBuilder("<div xmlns=\"" + XHTML + "\">");
        html.append("<h2>").append(escape(section.title())).append("</h2>");
        if (section.entries().isEmpty()) {
            return html.append("<p>表示できる情報はありません</p></div>").toString();
        }
        html.append("<table><thead><tr><th>日付</th><th>内容</th><th>詳細</th><th>情報提供元</th></tr></thead><tbody>");
        for (Resource resource : section.entries()) {
            SummaryRow row = SummaryRow.of(resource);
            html.append("<tr><td>").append(row.date() == null ? "" : row.date()).append("</td><td>")
                    .append(escape(row.what())).append("</td><td>").append(escape(row.detail())).append("</td><td>")
                    .append(escape(facilities.name(SourceFacilities.sourceOf(resource)))).append("</td></tr>");
        }
        return html.append("</tbody></table></div>").toString();
    }

    /** The withheld-sources notice as a {@code <div>}. */
    public String withheld(List<String> sentences) {
        StringBuilder html = new StringBuilder("<div xmlns=\"" + XHTML + "\"><h2>表示していない情報源</h2><ul>");
        sentences.forEach(s -> html.append("<li>").append(escape(s)).append("</li>"));
        return html.append("</ul></div>").toString();
    }

    /** The document's own narrative: title, subject line and what it was made from. */
    public String header(String title, String subject, List<String> sourceNames) {
        return "<div xmlns=\"" + XHTML + "\"><h1>" + escape(title) + "</h1><p>" + escape(subject) + "</p><p>情報提供元: "
                + escape(sourceNames.isEmpty() ? "なし" : String.join("、", sourceNames)) + "</p></div>";
    }

    /** A complete HTML page from the header and section {@code <div>}s. */
    public String page(String title, String header, List<String> sectionDivs) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"/><title>")
                .append(escape(title)).append("</title><style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse;margin-bottom:1.5em}th,td{border:1px solid #ccc;padding:4px 8px;"
                        + "text-align:left}th{background:#f0f0f0}</style></head><body>");
        html.append(header);
        sectionDivs.forEach(html::append);
        return html.append("</body></html>").toString();
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
