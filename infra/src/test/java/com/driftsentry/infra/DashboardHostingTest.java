package com.driftsentry.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Production's dashboard as CloudFront would serve it: files only CloudFront may read, HTTPS only, and the headers
 * the compose stage's dashboard server sends, the page allowed to call its stage's API address and nothing else.
 */
class DashboardHostingTest {

    @Test
    void theFilesAreAPrivateVersionedBucketOnlyThisDistributionReads() {
        Template t = Stacks.of("DriftSentry-production");
        t.resourceCountIs("AWS::CloudFront::Distribution", 1);
        t.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
        t.hasResourceProperties("AWS::S3::Bucket", Map.of("VersioningConfiguration", Map.of("Status", "Enabled"),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                        "RestrictPublicBuckets", true),
                "LifecycleConfiguration", Map.of("Rules", List.of(Match.objectLike(Map.of("NoncurrentVersionExpiration",
                        Map.of("NoncurrentDays", 30)))))));
        t.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Effect", "Allow", "Principal", Map.of("Service", "cloudfront.amazonaws.com"),
                        "Condition", Map.of("StringEquals", Map.of("AWS:SourceArn", Match.anyValue()))))))))));
        t.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Match.objectLike(Map.of(
                "DefaultRootObject", "index.html", "PriceClass", "PriceClass_100",
                "DefaultCacheBehavior", Match.objectLike(Map.of("ViewerProtocolPolicy", "redirect-to-https",
                        "AllowedMethods", List.of("GET", "HEAD")))))));
        for (String output : List.of(DashboardHosting.URL_OUTPUT, DashboardHosting.BUCKET_OUTPUT, DashboardHosting.DISTRIBUTION_OUTPUT)) {
            t.hasOutput(output, Match.anyValue());
        }
    }

    @Test
    void theResponseHeadersPolicyGivesTheDashboardServersHeadersWithTheStagesApiAsTheOnlyPlaceToCall() {
        Template t = Stacks.of("DriftSentry-production");
        Map<?, ?> config = (Map<?, ?>) ((Map<?, ?>) t.findResources("AWS::CloudFront::ResponseHeadersPolicy").values().iterator().next()
                .get("Properties")).get("ResponseHeadersPolicyConfig");
        Map<?, ?> security = (Map<?, ?>) config.get("SecurityHeadersConfig");
        String csp = String.valueOf(((Map<?, ?>) security.get("ContentSecurityPolicy")).get("ContentSecurityPolicy"));
        assertTrue(csp.contains("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' ")
                && csp.contains("{Fn::GetAtt=[EntryApi") && csp.contains("ApiEndpoint") && csp.contains("frame-ancestors 'none'"), csp);
        assertEquals(Map.of("FrameOption", "DENY", "Override", true), security.get("FrameOptions"));
        assertEquals(Map.of("ReferrerPolicy", "no-referrer", "Override", true), security.get("ReferrerPolicy"));
        assertEquals(Map.of("Override", true), security.get("ContentTypeOptions"));
        assertEquals(Map.of("AccessControlMaxAgeSec", 31536000, "IncludeSubdomains", true, "Override", true), security.get("StrictTransportSecurity"));
        assertTrue(String.valueOf(config.get("CustomHeadersConfig")).contains("{Header=Cache-Control, Override=true, Value=no-cache}"),
                String.valueOf(config.get("CustomHeadersConfig")));
    }

    @Test
    void theDeployRoleMayPublishToThisBucketAndInvalidateThisDistributionOnly() {
        Template t = Stacks.of("DriftSentry-production");
        Map<?, ?> publish = t.findResources("AWS::IAM::Policy").values().stream()
                .filter(p -> String.valueOf(((Map<?, ?>) p.get("Properties")).get("Roles")).contains(DeployRole.NAME)).findFirst().orElseThrow()
                .get("Properties") instanceof Map<?, ?> m ? m : Map.of();
        String statements = String.valueOf(((Map<?, ?>) publish.get("PolicyDocument")).get("Statement"));
        assertEquals(List.of(DeployRole.NAME), publish.get("Roles"));
        assertTrue(statements.contains("Action=s3:ListBucketVersions") && statements.contains("{Fn::GetAtt=[DashboardFiles"), statements);
        assertTrue(statements.contains("Action=[s3:GetObject, s3:PutObject, s3:DeleteObject, s3:GetObjectVersion]") && statements.contains("/*]]}"), statements);
        assertTrue(statements.contains("Action=[cloudfront:CreateInvalidation, cloudfront:GetInvalidation]")
                && statements.contains(":distribution/, {Ref=DashboardDistribution"), statements);
        assertTrue(!statements.contains("Resource=*"), statements);
    }

    @Test
    void theGateOnlyStagingHostsNoDashboard() {
        Stacks.of("DriftSentry-staging").resourceCountIs("AWS::CloudFront::Distribution", 0);
    }
}
