using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Aws.CoreAdapter;
using CancelJobs.Engine.Connection;
using CancelJobs.Engine.DataZone;
using CancelJobs.Engine.Dms;
using CancelJobs.Engine.IoT;
using CancelJobs.Engine.TwinMaker;
using Xunit;

namespace CancelJobs.Engine.Tests
{
    /// <summary>
    /// The requests the engine makes for AWS's own endpoints, captured at Core's HTTP seam. Partial: an operation adds its
    /// cases in a file of its own (WireTests.IoTJob.cs).
    /// </summary>
    public sealed partial class WireTests
    {
        private static (AwsServiceClient Client, CapturingHttp Http) ClientFor(AwsService service, string? endpointUrl = null, string body = "{}")
        {
            var http = new CapturingHttp(body);
            var client = ClientFactory.Create(service, new AwsConnection
            {
                Region = "us-west-2",
                EndpointUrl = endpointUrl,
                AccessKey = "AKIDEXAMPLE",
                SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            });
            ((ServiceClientConfig)client.Config).HttpClientFactory = http;
            return (client, http);
        }

        /// <summary>The SigV4 credential scope, e.g. AKIDEXAMPLE/20261123/us-west-2/iot/aws4_request.</summary>
        private static string Scope(HttpRequestMessage request)
        {
            var authorization = request.Headers.GetValues("Authorization").Single();
            var credential = authorization.Split(' ', ',').Single(part => part.StartsWith("Credential=", System.StringComparison.Ordinal));
            return credential.Substring("Credential=".Length);
        }

        [Fact]
        public async Task TwinMakerGoesToTheApiHostPrefixOnAwsEndpoints()
        {
            var (client, http) = ClientFor(AwsService.TwinMaker, body: """{"metadataTransferJobId":"job-1","arn":"arn:aws:iottwinmaker:us-west-2:123456789012:x","status":{"state":"CANCELLING"},"updateDateTime":1.7E9}""");

            var response = await client.SendAsync(TwinMakerTransferJobs.Instance.CancelRequest(new TwinMakerTransferJobTarget("job-1")), default);

            var request = Assert.Single(http.Requests);
            Assert.Equal(HttpMethod.Put, request.Method);
            Assert.Equal("https://api.iottwinmaker.us-west-2.amazonaws.com/metadata-transfer-jobs/job-1/cancel", request.RequestUri!.ToString());
            Assert.EndsWith("/us-west-2/iottwinmaker/aws4_request", Scope(request));
            Assert.Equal("CANCELLING", TwinMakerTransferJobs.Instance.ReadCancellation(new TwinMakerTransferJobTarget("job-1"), response, default).Status);
        }

        [Fact]
        public async Task ACustomEndpointIsUsedExactlyAsGivenWithoutTheHostPrefix()
        {
            var (client, http) = ClientFor(AwsService.TwinMaker, endpointUrl: "http://127.0.0.1:4566",
                body: """{"metadataTransferJobId":"job-1","arn":"arn:aws:iottwinmaker:us-west-2:123456789012:x","creationDateTime":1.7E9,"updateDateTime":1.7E9,"status":{"state":"RUNNING"}}""");

            await client.SendAsync(TwinMakerTransferJobs.Instance.GetRequest("job-1"), default);

            Assert.Equal("http://127.0.0.1:4566/metadata-transfer-jobs/job-1", Assert.Single(http.Requests).RequestUri!.ToString());
        }

        [Fact]
        public async Task IoTEncodesPathLabelsAndSendsForceAsAQueryParameter()
        {
            var (client, http) = ClientFor(AwsService.IoT);
            var target = new IoTJobExecutionTarget("plant:line 1", "fw-7") { Force = true, ExpectedVersion = 3 };

            await client.SendAsync(IoTJobExecutions.Instance.CancelRequest(target), default);

            var request = Assert.Single(http.Requests);
            Assert.Equal("https://iot.us-west-2.amazonaws.com/things/plant%3Aline%201/jobs/fw-7/cancel?force=true", request.RequestUri!.AbsoluteUri);
            Assert.Equal("""{"expectedVersion":3}""", http.Bodies.Single());
            Assert.EndsWith("/us-west-2/iot/aws4_request", Scope(request));
        }

        [Fact]
        public async Task DmsIsJson11WithItsTargetHeader()
        {
            var (client, http) = ClientFor(AwsService.Dms, body: """{"Request":{"Status":"CANCELING","RequestIdentifier":"r-1"}}""");

            await client.SendAsync(DmsMetadataModelConversions.Instance.CancelRequest(new DmsMetadataModelConversionTarget("proj", "r-1")), default);

            var request = Assert.Single(http.Requests);
            Assert.Equal("https://dms.us-west-2.amazonaws.com/", request.RequestUri!.ToString());
            Assert.Equal("AmazonDMSv20160101.CancelMetadataModelConversion", request.Headers.GetValues("X-Amz-Target").Single());
            Assert.Equal("application/x-amz-json-1.1", request.Content!.Headers.ContentType!.MediaType);
            Assert.Equal("""{"MigrationProjectIdentifier":"proj","RequestIdentifier":"r-1"}""", http.Bodies.Single());
        }

        [Fact]
        public async Task DataZoneUsesTheDualStackApiAwsSuffix()
        {
            var (client, http) = ClientFor(AwsService.DataZone);

            await client.SendAsync(DataZoneMetadataGenerationRuns.Instance.CancelRequest(new DataZoneMetadataGenerationRunTarget("dzd_abc", "run-1")), default);

            var request = Assert.Single(http.Requests);
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal("https://datazone.us-west-2.api.aws/v2/domains/dzd_abc/metadata-generation-runs/run-1/cancel", request.RequestUri!.ToString());
            Assert.EndsWith("/us-west-2/datazone/aws4_request", Scope(request));
        }

        [Fact]
        public async Task ListRequestsCarryFiltersAndPageSizes()
        {
            var (client, http) = ClientFor(AwsService.DataZone, body: """{"items":[{"domainId":"dzd_abc","id":"r1","status":"IN_PROGRESS","createdAt":1700000000.5}],"nextToken":"t2"}""");

            var response = await client.SendAsync(DataZoneMetadataGenerationRuns.Instance.ListRequest("dzd_abc", "IN_PROGRESS", null, null, "t1", 50), default);
            var page = DataZoneMetadataGenerationRuns.Instance.ReadListPage(response);

            Assert.Equal(new[] { "maxResults=50", "nextToken=t1", "status=IN_PROGRESS" },
                Assert.Single(http.Requests).RequestUri!.Query.TrimStart('?').Split('&').OrderBy(p => p, System.StringComparer.Ordinal));
            Assert.Equal("t2", page.NextToken);
            var run = Assert.Single(page.Items);
            Assert.Equal(("dzd_abc", "r1"), (run.DomainIdentifier, run.Identifier));
            Assert.Equal(System.TimeSpan.Zero, run.CreatedAt!.Value.Offset);
            Assert.Equal(500, run.CreatedAt.Value.Millisecond);
        }
    }
}
