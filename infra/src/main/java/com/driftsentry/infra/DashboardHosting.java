package com.driftsentry.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseCustomHeader;
import software.amazon.awscdk.services.cloudfront.ResponseCustomHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.constructs.Construct;

/**
 * The dashboard's home on AWS: its files in a private, versioned S3 bucket that only CloudFront reads (origin access
 * control), served at CloudFront's default domain over HTTPS with the headers {@code DashboardServer} gives the compose
 * stage's container, from a response-headers policy: the CSP (scripts and styles from the page's origin only, API
 * calls to the stage's API address only), HSTS, no framing, no referrer, no sniffing, no caching of a page a deploy
 * replaces. A previous version of every file stays 30 days, so a page that fails its gate can be put back; the deploy
 * role may write the files and invalidate the distribution ({@code driftgate publish}), nothing more.
 */
final class DashboardHosting extends Construct {
    static final String URL_OUTPUT = "DashboardUrl";
    static final String BUCKET_OUTPUT = "DashboardBucket";
    static final String DISTRIBUTION_OUTPUT = "DashboardDistribution";

    final Distribution distribution;

    DashboardHosting(Construct scope, String id, StageSettings s, String apiUrl) {
        super(scope, id);
        Bucket files = Bucket.Builder.create(this, "Files").versioned(true).encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL).enforceSsl(true).removalPolicy(RemovalPolicy.RETAIN)
                .lifecycleRules(List.of(LifecycleRule.builder().id("previous pages for 30 days").noncurrentVersionExpiration(Duration.days(30)).build()))
                .build();
        ResponseHeadersPolicy headers = ResponseHeadersPolicy.Builder.create(this, "Headers").responseHeadersPolicyName("driftsentry-dashboard-" + s.stage())
                .comment("the dashboard's headers, as DashboardServer sets them")
                .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
                        .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder().override(true).contentSecurityPolicy(csp(apiUrl)).build())
                        .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
                        .frameOptions(ResponseHeadersFrameOptions.builder().frameOption(HeadersFrameOption.DENY).override(true).build())
                        .referrerPolicy(ResponseHeadersReferrerPolicy.builder().referrerPolicy(HeadersReferrerPolicy.NO_REFERRER).override(true).build())
                        .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder().accessControlMaxAge(Duration.days(365))
                                .includeSubdomains(true).override(true).build())
                        .build())
                .customHeadersBehavior(ResponseCustomHeadersBehavior.builder().customHeaders(List.of(
                        ResponseCustomHeader.builder().header("Cache-Control").value("no-cache").override(true).build())).build())
                .build();
        this.distribution = Distribution.Builder.create(this, "Distribution").comment("DriftSentry dashboard (" + s.stage() + ")")
                .defaultRootObject("index.html").priceClass(PriceClass.PRICE_CLASS_100)
                .defaultBehavior(BehaviorOptions.builder().origin(S3BucketOrigin.withOriginAccessControl(files))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS).allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED).responseHeadersPolicy(headers).compress(true).build())
                .build();
        // The deploy role (shared stack) publishes here: exactly this bucket and this distribution, granted where both are known.
        Policy.Builder.create(this, "Publish").roles(List.of(Role.fromRoleName(this, "Deployer", DeployRole.NAME))).statements(List.of(
                PolicyStatement.Builder.create().actions(List.of("s3:ListBucketVersions")).resources(List.of(files.getBucketArn())).build(),
                PolicyStatement.Builder.create().actions(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectVersion"))
                        .resources(List.of(files.arnForObjects("*"))).build(),
                PolicyStatement.Builder.create().actions(List.of("cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"))
                        .resources(List.of(distribution.getDistributionArn())).build())).build();
        StackOutput.named(this, URL_OUTPUT, origin(), "the dashboard's address: gates.browser.dashboardUrl of environments/" + s.stage() + ".yaml");
        StackOutput.named(this, BUCKET_OUTPUT, files.getBucketName(), "where the deploy workflow publishes the dashboard's files");
        StackOutput.named(this, DISTRIBUTION_OUTPUT, distribution.getDistributionId(), "what the publish step invalidates");
    }

    /** {@code https://<id>.cloudfront.net}: the page's origin, which the API's CORS list must hold. */
    String origin() {
        return "https://" + distribution.getDistributionDomainName();
    }

    /** The CSP {@code DashboardServer} sends, with the API's address as the one place the page may call. */
    static String csp(String apiUrl) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' " + apiUrl
                + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }
}
