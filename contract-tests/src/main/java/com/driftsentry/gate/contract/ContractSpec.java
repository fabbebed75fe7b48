package com.driftsentry.gate.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import com.driftsentry.gate.environment.ConfigError;
import io.restassured.filter.Filter;
import io.restassured.response.Response;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * The OpenAPI document a contract run holds the stage to: parsed once (a document with problems
 * is bad input), its operations listed with every {@code $ref} resolved for the input generator,
 * and the two REST Assured filters the suites put on their requests.
 */
public final class ContractSpec {
    private static final Map<Path, ContractSpec> LOADED = new ConcurrentHashMap<>();

    /** One documented operation: {@code GET /api/v1/drifts/{id}} and its definition. */
    public record Op(String method, String path, Operation operation) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final Path file;
    private final OpenAPI resolved;
    private final OpenApiInteractionValidator validator;

    private ContractSpec(Path file, OpenAPI resolved, OpenApiInteractionValidator validator) {
        this.file = file;
        this.resolved = resolved;
        this.validator = validator;
    }

    public static ContractSpec of(Path file) {
        return LOADED.computeIfAbsent(file.toAbsolutePath().normalize(), ContractSpec::load);
    }

    private static ContractSpec load(Path file) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readLocation(file.toUri().toString(), null, options);
        if (parsed.getOpenAPI() == null || (parsed.getMessages() != null && !parsed.getMessages().isEmpty())) {
            throw ConfigError.at(file.toString(), "gates.contract.spec", "is not a valid OpenAPI 3 document: "
                    + (parsed.getMessages() == null ? "unreadable" : String.join("; ", parsed.getMessages())));
        }
        return new ContractSpec(file, parsed.getOpenAPI(),
                OpenApiInteractionValidator.createForSpecificationUrl(file.toUri().toString()).build());
    }

    public Path file() {
        return file;
    }

    /** Every documented operation, in document order. */
    public List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        resolved.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> ops.add(new Op(method.name(), path, op))));
        return ops;
    }

    public List<String> documentedRoutes() {
        return operations().stream().map(Op::toString).sorted().toList();
    }

    /** Request and response both validated: for requests the document allows. */
    public Filter documented() {
        OpenApiValidationFilter library = new OpenApiValidationFilter(validator);
        return (request, response, ctx) -> {
            try {
                return library.filter(request, response, ctx);
            } catch (OpenApiValidationFilter.OpenApiValidationException e) {
                // The library's message is a multi-line JSON report; a verdict line needs the findings on one line.
                throw new AssertionFailedError(request.getMethod() + " " + RestAssuredRequest.of(request).getPath()
                        + " broke the contract: " + messages(e.getValidationReport()));
            }
        };
    }

    /**
     * Only the response validated: for requests made invalid on purpose (no key, a broken body),
     * whose refusal must still be a documented status with a documented problem body.
     */
    public Filter responseOnly() {
        return (request, response, ctx) -> {
            Response r = ctx.next(request, response);
            String path = RestAssuredRequest.of(request).getPath();
            ValidationReport report = checkResponse(request.getMethod(), path, r);
            if (report.hasErrors()) {
                throw new AssertionFailedError(request.getMethod() + " " + path + " answered " + r.statusCode() + " outside the contract: "
                        + messages(report));
            }
            return r;
        };
    }

    /** What the document says about a response to {@code method path}: no errors when it is documented. */
    public ValidationReport checkResponse(String method, String path, Response r) {
        return validator.validateResponse(path, Request.Method.valueOf(method), RestAssuredResponse.of(r));
    }

    /** What the document says about a request on its own: no messages when it allows it. */
    public ValidationReport checkRequest(Request request) {
        return validator.validateRequest(request);
    }

    public static String messages(ValidationReport report) {
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getMessage().replace('\n', ' ')).collect(Collectors.joining("; "));
    }

}
