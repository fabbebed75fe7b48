package com.driftsentry.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CI job summary's diff, on the repository's own templates and on a change made to a copy of them. */
class TemplateDiffTest {

    @Test
    void theSameTemplatesAreNoChange() throws Exception {
        assertTrue(TemplateDiff.markdown(SynthesizedTemplatesTest.DIR, SynthesizedTemplatesTest.DIR).endsWith("No change to any stack.\n"));
    }

    @Test
    void addedRemovedAndChangedResourcesAreListedWithTheChangedProperties(@TempDir Path dir) throws Exception {
        Path before = Files.createDirectories(dir.resolve("before"));
        Path staging = SynthesizedTemplatesTest.DIR.resolve("DriftSentry-staging.template.json");
        String text = Files.readString(staging);
        // Before: the stage ran one task always and had a dashboard; a stack that is gone since.
        Files.writeString(before.resolve("DriftSentry-staging.template.json"), text.replace("\"DesiredCount\" : 0", "\"DesiredCount\" : 1")
                .replaceFirst("\"Resources\" : \\{", "\"Resources\" : { \"MonitoringDashboard\" : { \"Type\" : \"AWS::CloudWatch::Dashboard\", "
                        + "\"Properties\" : { \"DashboardName\" : \"DriftSentry-staging\" } },"));
        Files.writeString(before.resolve("DriftSentry-old.template.json"), "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}}");
        Path after = Files.createDirectories(dir.resolve("after"));
        Files.copy(staging, after.resolve("DriftSentry-staging.template.json"));
        String md = TemplateDiff.markdown(before, after);
        assertTrue(md.contains("### DriftSentry-staging"), md);
        assertTrue(md.contains("[-] AWS::CloudWatch::Dashboard MonitoringDashboard"), md);
        assertTrue(md.contains("[~] AWS::ECS::Service ServiceD69D759B") && md.contains(" └─ [~] DesiredCount: 1 → 0"), md);
        assertTrue(md.contains("### DriftSentry-old") && md.contains("[-] AWS::SQS::Queue Q"), md);
        assertEquals(1, md.lines().filter(l -> l.startsWith("[~]")).count(), "only the service changed: " + md);
    }
}
