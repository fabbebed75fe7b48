package com.driftsentry.gate.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.environment.ConfigError;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The document itself: parses without a message, and holds every operation to the same rules. */
class ContractDocumentTest {
    static final Path SPEC = Path.of("src/main/resources/openapi/driftsentry.yaml");
    private static final List<String> SECURITY_HEADERS = List.of("Content-Security-Policy", "Strict-Transport-Security", "X-Frame-Options",
            "X-Content-Type-Options", "Referrer-Policy", "Cache-Control", "X-Request-Id");

    private final ContractSpec spec = ContractSpec.of(SPEC);

    @Test
    void everyOperationIsNamedUniquely() {
        Set<String> ids = new HashSet<>();
        for (ContractSpec.Op op : spec.operations()) {
            String id = op.operation().getOperationId();
            assertTrue(id != null && ids.add(id), op + " has no operationId or a duplicate one: " + id);
        }
        assertEquals(15, spec.operations().size(), spec.documentedRoutes().toString());
    }

    @Test
    void everyResponseDeclaresTheSecurityHeadersAndErrorsAreProblems() {
        List<String> problems = new ArrayList<>();
        for (ContractSpec.Op op : spec.operations()) {
            for (Map.Entry<String, ApiResponse> e : op.operation().getResponses().entrySet()) {
                ApiResponse r = e.getValue();
                for (String header : SECURITY_HEADERS) {
                    if (r.getHeaders() == null || r.getHeaders().get(header) == null || !Boolean.TRUE.equals(r.getHeaders().get(header).getRequired())) {
                        problems.add(op + " " + e.getKey() + " lacks required header " + header);
                    }
                }
                boolean error = e.getKey().startsWith("4") || (e.getKey().startsWith("5") && !op.path().startsWith("/health"));
                if (error && (r.getContent() == null || r.getContent().get("application/problem+json") == null)) {
                    problems.add(op + " " + e.getKey() + " is not application/problem+json");
                }
                if (e.getKey().equals("429") && r.getHeaders().get("Retry-After") == null) {
                    problems.add(op + " 429 lacks Retry-After");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyApiOperationDocumentsAuthenticationAndThrottling() {
        for (ContractSpec.Op op : spec.operations()) {
            if (op.path().startsWith("/api/")) {
                assertTrue(op.operation().getResponses().containsKey("401"), op + " lacks 401");
                assertTrue(op.operation().getResponses().containsKey("429"), op + " lacks 429");
            }
        }
    }

    @Test
    void aBrokenDocumentIsOneLineOfBadInput(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "openapi: 3.0.3\ninfo: { title: x }\npaths:\n  /a: { get: { responses: 7 } }\n");
        ConfigError e = org.junit.jupiter.api.Assertions.assertThrows(ConfigError.class, () -> ContractSpec.of(broken));
        assertTrue(e.getMessage().contains("gates.contract.spec: is not a valid OpenAPI 3 document"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
