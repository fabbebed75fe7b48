package com.driftsentry.gate.driver.dashboard;

import static com.driftsentry.gate.waiting.Waits.await;

import com.driftsentry.gate.aws.AwsCall;
import com.driftsentry.gate.aws.AwsClientFactory;
import com.driftsentry.gate.environment.PlatformSettings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * A stage's hosted dashboard ({@code platform.dashboard}): the files in its versioned bucket and the CloudFront distribution
 * in front of them. Every call is one the deploy role is granted on exactly this bucket and distribution (infra/:
 * DashboardHosting). A version id is what puts a file back: {@link #restore} copies it over the current one, so the
 * bucket's history keeps the page that failed too.
 */
public final class HostedPage implements AutoCloseable {
    /** The files' own caching: none, as the response-headers policy tells browsers; CloudFront's copies go by {@link #invalidate}. */
    private static final String NO_CACHE = "no-cache";
    private static final Duration POLL = Duration.ofSeconds(5);

    private final S3Client s3;
    private final CloudFrontClient cloudFront;
    private final PlatformSettings.DashboardHost host;

    private HostedPage(S3Client s3, CloudFrontClient cloudFront, PlatformSettings.DashboardHost host) {
        this.s3 = s3;
        this.cloudFront = cloudFront;
        this.host = host;
    }

    public static HostedPage open(PlatformSettings.DashboardHost host, String region) {
        Optional<URI> endpoint = AwsClientFactory.endpoint();
        // A local implementation serves buckets by path; CloudFront is a global service, signed for aws-global.
        S3Client s3 = AwsClientFactory.configure(S3Client.builder(), region, endpoint).forcePathStyle(endpoint.isPresent()).build();
        return new HostedPage(s3, AwsClientFactory.configure(CloudFrontClient.builder(), "aws-global", endpoint).build(), host);
    }

    public String where() {
        return "s3://" + host.bucket() + " behind CloudFront " + host.distribution();
    }

    /** The current version id of each file; a file whose latest version is a delete marker is not there. */
    public Map<String, String> current() {
        Map<String, String> latest = new TreeMap<>();
        AwsCall.make("s3:ListBucketVersions", () -> {
            s3.listObjectVersionsPaginator(b -> b.bucket(host.bucket())).forEach(page -> page.versions().stream()
                    .filter(ObjectVersion::isLatest).forEach(v -> latest.put(v.key(), v.versionId())));
            return latest;
        });
        return latest;
    }

    /** Writes the page's files and removes the files it does not have ({@code gone}). */
    public void write(PageFiles page, Set<String> gone) {
        page.files().forEach((key, file) -> AwsCall.make("s3:PutObject", () -> s3.putObject(b -> b.bucket(host.bucket()).key(key)
                .contentType(file.type()).cacheControl(NO_CACHE), RequestBody.fromBytes(file.bytes()))));
        gone.forEach(this::remove);
    }

    /**
     * Puts back what {@code before} names for every key of it: the version it names (a copy over the current one, with
     * its content type), or nothing where the key was not there before ({@code ""}).
     */
    public void restore(Map<String, String> before) {
        before.forEach((key, version) -> {
            if (version.isEmpty()) {
                remove(key);
            } else {
                AwsCall.make("s3:GetObjectVersion", () -> s3.copyObject(b -> b.sourceBucket(host.bucket()).sourceKey(key).sourceVersionId(version)
                        .destinationBucket(host.bucket()).destinationKey(key)));
            }
        });
    }

    /** The current bytes of each key that is there: what the hosted address must serve after a restore. */
    public Map<String, byte[]> read(Set<String> keys) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        keys.forEach(k -> files.put(k, AwsCall.make("s3:GetObject", () -> s3.getObjectAsBytes(b -> b.bucket(host.bucket()).key(k))).asByteArray()));
        return files;
    }

    /** Asks CloudFront to drop every cached file and waits until it has, at most {@code within}. */
    public void invalidate(String reference, Duration within) {
        String id = AwsCall.make("cloudfront:CreateInvalidation", () -> cloudFront.createInvalidation(b -> b.distributionId(host.distribution())
                .invalidationBatch(i -> i.callerReference(reference).paths(p -> p.quantity(1).items("/*"))))).invalidation().id();
        await("CloudFront's invalidation " + id + " of " + host.distribution()).atMost(within).pollDelay(Duration.ZERO).pollInterval(POLL)
                .until(() -> "Completed".equalsIgnoreCase(AwsCall.make("cloudfront:GetInvalidation", () -> cloudFront.getInvalidation(
                        b -> b.distributionId(host.distribution()).id(id))).invalidation().status()));
    }

    private void remove(String key) {
        AwsCall.make("s3:DeleteObject", () -> s3.deleteObject(b -> b.bucket(host.bucket()).key(key)));
    }

    @Override
    public void close() {
        s3.close();
        cloudFront.close();
    }
}
