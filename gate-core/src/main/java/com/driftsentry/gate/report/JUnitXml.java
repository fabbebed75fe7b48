package com.driftsentry.gate.report;

import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;

/**
 * {@code verdict-junit.xml}: one testcase per criterion. A FAIL is a failure; an INCONCLUSIVE is a
 * failure too (type {@code inconclusive}), because a CI tab that shows it green or skipped would
 * let a build through on missing data.
 */
public final class JUnitXml {
    private JUnitXml() {
    }

    public static String render(Verdict v) {
        long failures = v.lines().stream().filter(l -> l.outcome() != Outcome.PASS).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"").append(attr("driftsentry." + v.gate() + "." + v.environment())).append("\" tests=\"")
                .append(v.lines().size()).append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\" timestamp=\"")
                .append(v.judgedAt()).append("\">\n");
        xml.append("  <properties>\n    <property name=\"target\" value=\"").append(attr(v.target()))
                .append("\"/>\n    <property name=\"outcome\" value=\"").append(v.outcome()).append("\"/>\n  </properties>\n");
        for (VerdictLine l : v.lines()) {
            xml.append("  <testcase classname=\"").append(attr(v.gate() + "." + v.subject())).append("\" name=\"")
                    .append(attr(l.criterion())).append("\" time=\"0\">\n");
            if (l.outcome() != Outcome.PASS) {
                xml.append("    <failure type=\"").append(l.outcome().name().toLowerCase()).append("\" message=\"")
                        .append(attr(l.reason())).append("\">").append(text("threshold " + l.threshold() + ", measured " + l.measured()
                                + ", " + l.samples() + " samples, window " + l.window())).append("</failure>\n");
            }
            xml.append("    <system-out>").append(text(l.measured() + " (" + l.samples() + " samples)")).append("</system-out>\n");
            xml.append("  </testcase>\n");
        }
        return xml.append("</testsuite>\n").toString();
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;");
    }

    private static String text(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
