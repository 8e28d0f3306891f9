using System.Threading.Tasks;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Aws.CoreAdapter;
using CancelJobs.Engine.Connection;
using CancelJobs.Engine.IoT;
using Xunit;

namespace CancelJobs.Engine.Tests
{
    /// <summary>
    /// Quotas are per account, operation and region: a client keeps to the rate controller of the region it signs for,
    /// also behind a custom endpoint URL that serves several regions (the emulator's --regions, a proxy), where Core
    /// clears RegionEndpoint and only the signing region names the region.
    /// </summary>
    public sealed class RateKeyTests
    {
        private static async Task<Bulk.AdaptiveRateController> ControllerUsed(string region, string? endpointUrl)
        {
            var client = ClientFactory.Create(AwsService.IoT, new AwsConnection
            {
                Region = region,
                EndpointUrl = endpointUrl,
                AccessKey = "AKIDRATEKEYTEST",
                SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            });
            ((ServiceClientConfig)client.Config).HttpClientFactory = new CapturingHttp("{}");
            var request = IoTJobExecutions.Instance.CancelRequest(new IoTJobExecutionTarget("sensor-1", "fw-7"));

            await client.SendAsync(request, default);

            Assert.Equal(region, client.Region);
            return request.RateController!;
        }

        [Theory]
        [InlineData(null)]
        [InlineData("http://127.0.0.1:4566")]
        public async Task EachRegionHasARateControllerOfItsOwn(string? endpointUrl)
        {
            var europe = await ControllerUsed("eu-west-1", endpointUrl);
            var america = await ControllerUsed("us-east-1", endpointUrl);
            var europeAgain = await ControllerUsed("eu-west-1", endpointUrl);

            Assert.NotSame(europe, america);
            Assert.Same(europe, europeAgain);
        }
    }
}
