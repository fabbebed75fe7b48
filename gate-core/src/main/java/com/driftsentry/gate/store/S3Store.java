package com.driftsentry.gate.store;

import com.driftsentry.gate.aws.AwsClientFactory;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.DeployConfig;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A stage store in an S3 bucket under a prefix, through the AWS SDK v2 S3 client. The conditional
 * writes are S3's own: {@code If-None-Match: *} to create, {@code If-Match: <ETag>} to replace or
 * delete; S3 answers 412 when the condition fails, and 409 when a concurrent conditional write won
 * the race, both read here as "someone else wrote first". Checksums are sent only when an
 * operation requires them, so S3-compatible stores that lack the newer trailing checksums work too.
 */
public final class S3Store implements StageStore {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3Store(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    public static S3Store open(DeployConfig.State state) {
        // state.endpoint for an S3-compatible store beside real AWS; else the one override every AWS client follows.
        Optional<URI> endpoint = state.endpoint().or(AwsClientFactory::endpoint);
        var builder = AwsClientFactory.configure(S3Client.builder(), state.region(), endpoint)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // An S3-compatible endpoint (a test's, MinIO) serves buckets by path, not by host name.
                .forcePathStyle(endpoint.isPresent());
        return new S3Store(builder.build(), state.bucket(), state.prefix());
    }

    @Override
    public Optional<Stored> read(String key) {
        return call("read", key, () -> {
            try {
                ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + key));
                return Optional.of(new Stored(got.asByteArray(), got.response().eTag()));
            } catch (NoSuchKeyException absent) {
                return Optional.empty();
            }
        });
    }

    @Override
    public boolean create(String key, byte[] body) {
        return conditional("write", key, false, () -> s3.putObject(request(key).ifNoneMatch("*").build(), RequestBody.fromBytes(body)));
    }

    @Override
    public boolean replace(String key, byte[] body, String version) {
        return conditional("write", key, false, () -> s3.putObject(request(key).ifMatch(version).build(), RequestBody.fromBytes(body)));
    }

    @Override
    public void put(String key, byte[] body) {
        call("write", key, () -> s3.putObject(request(key).build(), RequestBody.fromBytes(body)));
    }

    @Override
    public boolean delete(String key, String version) {
        return conditional("delete", key, true, () -> s3.deleteObject(b -> b.bucket(bucket).key(prefix + key).ifMatch(version)));
    }

    @Override
    public List<String> list(String folder) {
        return call("list", folder, () -> s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + folder)).contents().stream()
                .map(S3Object::key).map(k -> k.substring(prefix.length())).sorted().toList());
    }

    @Override
    public String where(String key) {
        return "s3://" + bucket + "/" + prefix + key;
    }

    @Override
    public void close() {
        s3.close();
    }

    private PutObjectRequest.Builder request(String key) {
        return PutObjectRequest.builder().bucket(bucket).key(prefix + key).contentType(key.endsWith(".jsonl") ? "application/x-ndjson" : "application/json");
    }

    /**
     * A write on a condition: false when S3 says the condition failed (412) or a concurrent
     * conditional write won (409); a key that is gone ({@code NoSuchKey}) answers {@code whenMissing}
     * (a delete of what is gone is done; a replace of it is not).
     */
    private boolean conditional(String what, String key, boolean whenMissing, Runnable write) {
        return call(what, key, () -> {
            try {
                write.run();
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() == 412 || e.statusCode() == 409) {
                    return false;
                }
                if (e.awsErrorDetails() != null && "NoSuchKey".equals(e.awsErrorDetails().errorCode())) {
                    return whenMissing;
                }
                throw e;
            }
        });
    }

    private <T> T call(String what, String key, Supplier<T> action) {
        try {
            return action.get();
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            throw new ConfigError("state: the stage store could not " + what + " " + where(key) + ": " + code + " (HTTP " + e.statusCode() + ")"
                    + " (fix: " + fix(e.statusCode(), code) + ")");
        } catch (SdkClientException e) {
            throw new ConfigError("state: the stage store " + where(key) + " cannot be reached: " + e.getMessage().lines().findFirst().orElse("")
                    + " (fix: check the AWS credentials, state.region, state.endpoint and the network)");
        }
    }

    private String fix(int status, String code) {
        if ("NoSuchBucket".equals(code) || status == 404) {
            return "create the bucket " + bucket + " or correct state.bucket";
        }
        if (status == 403) {
            return "give the deploy role the store's S3 actions on " + bucket + "/" + prefix + "* (docs/driver.md: IAM)";
        }
        return "check state.bucket, state.region and the credentials";
    }
}
