package com.driftsentry.gate.report;

import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code verdict-junit.xml}: one testcase per criterion. A FAIL is a failure; an INCONCLUSIVE is a
 * failure too (type {@code inconclusive}), because a CI tab that shows it green or skipped would
 * let a build through on missing data. A NOT JUDGED line (the environment said not to judge it yet)
 * is skipped, with its reason. Written with the JDK's StAX writer, which escapes.
 */
public final class JUnitXml {
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private JUnitXml() {
    }

    public static String render(Verdict v) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "driftsentry." + v.gate() + "." + v.environment());
            xml.writeAttribute("tests", Integer.toString(v.lines().size()));
            xml.writeAttribute("failures", Long.toString(v.failing().size()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", Long.toString(v.lines().stream().filter(l -> l.outcome() == Outcome.NOT_JUDGED).count()));
            xml.writeAttribute("timestamp", v.judgedAt().toString());
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            property(xml, "target", v.target());
            property(xml, "outcome", v.outcome().name());
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            for (VerdictLine l : v.lines()) {
                testcase(xml, v, l);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write the JUnit XML of the " + v.gate() + " verdict", e);
        }
        return out.toString();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value == null ? "" : value);
    }

    private static void testcase(XMLStreamWriter xml, Verdict v, VerdictLine l) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", v.gate() + "." + v.subject());
        xml.writeAttribute("name", l.criterion());
        xml.writeAttribute("time", "0");
        if (l.outcome() == Outcome.NOT_JUDGED) {
            xml.writeCharacters("\n    ");
            xml.writeEmptyElement("skipped");
            xml.writeAttribute("message", "not judged: " + (l.reason() == null ? "" : l.reason()));
        } else if (l.outcome() != Outcome.PASS) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("failure");
            xml.writeAttribute("type", l.outcome().name().toLowerCase());
            xml.writeAttribute("message", l.reason() == null ? "" : l.reason());
            xml.writeCharacters("threshold " + l.threshold() + ", measured " + l.measured() + ", " + l.samples() + " samples, window " + l.window());
            xml.writeEndElement();
        }
        xml.writeCharacters("\n    ");
        xml.writeStartElement("system-out");
        xml.writeCharacters(l.measured() + " (" + l.samples() + " samples)");
        xml.writeEndElement();
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }
}
