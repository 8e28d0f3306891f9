using System.Linq;
using System.Threading.Tasks;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.IoT;
using Xunit;

namespace CancelJobs.Engine.Tests
{
    public sealed partial class WireTests
    {
        [Fact]
        public async Task IoTCancelJobPutsTheJobPathWithForceAndItsReasonInTheBody()
        {
            var (client, http) = ClientFor(AwsService.IoT, body: """{"jobArn":"arn:aws:iot:us-west-2:123456789012:job/fw 7","jobId":"fw 7"}""");
            var target = new IoTJobTarget("fw_7-a") { Force = true, ReasonCode = "BAD_BUILD", Comment = "bricks \"sensors\"" };

            await client.SendAsync(IoTJobs.Instance.CancelRequest(target), default);

            var request = Assert.Single(http.Requests);
            Assert.Equal("PUT", request.Method.Method);
            Assert.Equal("https://iot.us-west-2.amazonaws.com/jobs/fw_7-a/cancel?force=true", request.RequestUri!.AbsoluteUri);
            Assert.Equal("""{"reasonCode":"BAD_BUILD","comment":"bricks \u0022sensors\u0022"}""", http.Bodies.Single());
            Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
            Assert.EndsWith("/us-west-2/iot/aws4_request", Scope(request));
        }

        [Fact]
        public async Task IoTCancelJobWithoutOptionsSendsNoForceAndAnEmptyObject()
        {
            var (client, http) = ClientFor(AwsService.IoT, body: """{"jobId":"fw-7"}""");

            await client.SendAsync(IoTJobs.Instance.CancelRequest(new IoTJobTarget("fw-7")), default);

            Assert.Equal("https://iot.us-west-2.amazonaws.com/jobs/fw-7/cancel", Assert.Single(http.Requests).RequestUri!.AbsoluteUri);
            Assert.Equal("{}", http.Bodies.Single());
        }
    }
}
