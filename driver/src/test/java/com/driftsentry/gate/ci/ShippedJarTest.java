package com.driftsentry.gate.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** driftgate.jar and its lib/ carry what driftgate runs, and no test code: everything it loads at run time is in main scope. */
class ShippedJarTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void noModuleShipsATestJarToTheDriver() throws IOException {
        Matcher dependency = Pattern.compile("<dependency>.*?</dependency>", Pattern.DOTALL).matcher(Files.readString(ROOT.resolve("driver/pom.xml")));
        List<String> shipped = new ArrayList<>();
        while (dependency.find()) {
            String d = dependency.group();
            if (d.contains("<type>test-jar</type>") && !d.contains("<scope>test</scope>")) {
                shipped.add(d);
            }
        }
        assertEquals(List.of(), shipped, "a test jar at runtime scope lands in driver/target/lib");
    }

    @Test
    void everySimulationAnEnvironmentNamesAndGatlingsConfigurationLoadFromMainClasses() throws Exception {
        List<String> named = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("environments"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Matcher m = Pattern.compile("(?m)^\\s*simulation:\\s*(\\w+)").matcher(Files.readString(f));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        assertFalse(named.isEmpty(), "the environments name their simulations");
        for (String simulation : named) {
            String from = Class.forName("com.driftsentry.gate.simulations." + simulation).getProtectionDomain().getCodeSource().getLocation().toString();
            assertTrue(!from.contains("test-classes") && !from.endsWith("-tests.jar"), simulation + " loads from test code: " + from);
        }
        String conf = getClass().getClassLoader().getResource("gatling.conf").toString();
        assertTrue(!conf.contains("test-classes") && !conf.contains("-tests.jar"), "gatling.conf (no warm-up call, no analytics) ships: " + conf);
    }
}
