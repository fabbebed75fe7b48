package com.driftsentry.gate.aws;

import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How a failed AWS call is told, in one place: by the IAM action it needed (what an operator grants), what AWS answered
 * (its error code, or the HTTP status where the body could not be read), and for a refusal the permission to add. The
 * SDK's own message names neither the call nor the action; for a 403 it is often empty.
 */
public final class AwsCall {
    private static final Set<String> DENIALS = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
            "UnrecognizedClientException", "InvalidClientTokenId", "AuthFailure", "ExpiredToken", "ExpiredTokenException");

    private AwsCall() {
    }

    /** The result of {@code call}; an {@link SdkException} it throws comes back as one whose message is {@link #problem}. */
    public static <T> T make(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw SdkClientException.builder().message(problem(action, e, null)).cause(e).build();
        }
    }

    /** What went wrong with {@code action} (an IAM action such as {@code ecs:UpdateService}); {@code fix} is said when it was no refusal. */
    public static String problem(String action, SdkException e, String fix) {
        if (e instanceof SdkClientException && e.getCause() instanceof SdkException) {
            // Already told by make() (the SDK's own client exceptions wrap I/O errors, not SDK ones): said once.
            return e.getMessage() + (fix == null || e.getMessage().contains("(fix:") ? "" : " (fix: " + fix + ")");
        }
        if (e instanceof AwsServiceException s) {
            String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            String message = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorMessage();
            String answer = (code == null || code.isBlank() ? "" : code + " ") + "(HTTP " + s.statusCode() + ")"
                    + (message == null || message.isBlank() ? "" : ": " + message.strip().replaceAll("\\s+", " "));
            if (s.statusCode() == 403 || DENIALS.contains(code)) {
                return action + " was refused: " + answer + " (fix: allow " + action + " to the role driftgate runs as; docs/driver.md lists them)";
            }
            return action + " failed: " + answer + (fix == null ? "" : " (fix: " + fix + ")");
        }
        return action + " could not be made: " + e.getMessage() + " (fix: " + (fix == null ? "check the AWS credentials, the region and the network" : fix) + ")";
    }
}
