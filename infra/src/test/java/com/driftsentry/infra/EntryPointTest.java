package com.driftsentry.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * How users and gates reach a stage: production through one HTTPS address (an HTTP API whose VPC link reaches the
 * tasks ECS registers in Cloud Map), its tasks closed to everything else; the gate-only staging directly, with no
 * entry point to pay for. The account's audit trail sits in the shared stack.
 */
class EntryPointTest {

    @Test
    void productionIsOneHttpApiReachingTheRegisteredTasksThroughAVpcLink() {
        Template t = Stacks.of("DriftSentry-production");
        t.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
        t.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "HTTP", "Name", "driftsentry-production"));
        t.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", "$default"));
        t.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of("StageName", "$default", "AutoDeploy", true));
        t.hasResourceProperties("AWS::ApiGatewayV2::Integration", Map.of("IntegrationType", "HTTP_PROXY", "ConnectionType", "VPC_LINK",
                "IntegrationUri", Map.of("Fn::GetAtt", List.of(logicalId(t, "AWS::ServiceDiscovery::Service"), "Arn"))));
        // API Gateway needs each task's port: SRV records, which ECS writes and removes as tasks start and stop.
        t.hasResourceProperties("AWS::ServiceDiscovery::Service", Map.of("DnsConfig", Match.objectLike(Map.of(
                "DnsRecords", List.of(Map.of("TTL", 10, "Type", "SRV"))))));
        t.hasResourceProperties("AWS::ECS::Service", Map.of("ServiceRegistries", List.of(Map.of("ContainerName", "api", "ContainerPort", 3002,
                "RegistryArn", Map.of("Fn::GetAtt", List.of(logicalId(t, "AWS::ServiceDiscovery::Service"), "Arn"))))));
        t.hasOutput(ApiEntryPoint.OUTPUT, Map.of("Value", Map.of("Fn::GetAtt", List.of(logicalId(t, "AWS::ApiGatewayV2::Api"), "ApiEndpoint"))));
        t.resourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 0);
    }

    @Test
    void productionsTasksAdmitTheApiPortFromTheVpcLinkOnly() {
        Template t = Stacks.of("DriftSentry-production");
        Map<String, Map<String, Object>> open = t.findResources("AWS::EC2::SecurityGroup", Map.of("Properties",
                Map.of("SecurityGroupIngress", Match.arrayWith(List.of(Match.objectLike(Map.of("CidrIp", "0.0.0.0/0")))))));
        assertTrue(open.isEmpty(), "no group admits the world: " + open.keySet());
        Map<String, Map<String, Object>> api = t.findResources("AWS::EC2::SecurityGroupIngress", Map.of("Properties", Map.of("FromPort", 3002)));
        assertEquals(1, api.size(), api.toString());
        Map<?, ?> rule = (Map<?, ?>) api.values().iterator().next().get("Properties");
        assertTrue(rule.get("SourceSecurityGroupId").toString().contains("EntryLinkGroup"), rule.toString());
    }

    @Test
    void theGateOnlyStagingHasNoEntryPointAndItsTaskAnswersTheGatesDirectly() {
        Template t = Stacks.of("DriftSentry-staging");
        t.resourceCountIs("AWS::ApiGatewayV2::Api", 0);
        t.resourceCountIs("AWS::ServiceDiscovery::PrivateDnsNamespace", 0);
        t.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of("SecurityGroupIngress", List.of(Match.objectLike(
                Map.of("CidrIp", "0.0.0.0/0", "FromPort", 3002, "ToPort", 3002)))));
    }

    @Test
    void theAccountKeepsAYearOfManagementEventsFromEveryRegion() {
        Template t = Stacks.of("DriftSentry-Shared");
        t.resourceCountIs("AWS::CloudTrail::Trail", 1);
        t.hasResourceProperties("AWS::CloudTrail::Trail", Map.of("IsMultiRegionTrail", true, "IncludeGlobalServiceEvents", true,
                "EnableLogFileValidation", true, "IsLogging", true));
        // Management events only (CloudTrail's default); data events would bill per event.
        Map<?, ?> trail = (Map<?, ?>) t.findResources("AWS::CloudTrail::Trail").values().iterator().next().get("Properties");
        assertTrue(List.of().equals(trail.get("EventSelectors")) && !trail.containsKey("AdvancedEventSelectors"), trail.toString());
        t.hasResourceProperties("AWS::S3::Bucket", Map.of("LifecycleConfiguration", Map.of("Rules", List.of(Match.objectLike(Map.of(
                "ExpirationInDays", AuditTrail.KEEP_DAYS, "Status", "Enabled",
                "Transitions", List.of(Map.of("StorageClass", "GLACIER_IR", "TransitionInDays", 30))))))));
    }

    private static String logicalId(Template t, String type) {
        Map<String, Map<String, Object>> found = t.findResources(type);
        assertEquals(1, found.size(), type + ": " + found.keySet());
        return found.keySet().iterator().next();
    }
}
