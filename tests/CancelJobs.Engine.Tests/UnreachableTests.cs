using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Aws.CoreAdapter;
using CancelJobs.Engine.Connection;
using CancelJobs.Engine.Errors;
using CancelJobs.Engine.IoT;
using Xunit;

namespace CancelJobs.Engine.Tests
{
    /// <summary>
    /// An endpoint whose name does not resolve, behind Core's HTTP seam (a real lookup would leave the machine): every
    /// attempt is recorded as never connected, and the failure names host:port, where the endpoint came from, and the
    /// nearest region Core knows for a mistyped one.
    /// </summary>
    public sealed class UnreachableTests
    {
        private sealed class NameNotResolvedHttp : HttpClientFactory
        {
            public int Sends;

            public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new HttpClient(new Handler(this));

            public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

            private sealed class Handler : HttpMessageHandler
            {
                private readonly NameNotResolvedHttp owner;

                public Handler(NameNotResolvedHttp owner) => this.owner = owner;

                protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    Interlocked.Increment(ref owner.Sends);
                    // What SocketsHttpHandler throws when DNS has no such name.
                    throw new HttpRequestException($"Name or service not known ({request.RequestUri!.Host}:{request.RequestUri.Port})",
                        new SocketException((int)SocketError.HostNotFound));
                }
            }
        }

        [Fact]
        public async Task ANameThatDoesNotResolveForAnUnknownRegionNamesTheNearestKnownRegion()
        {
            var http = new NameNotResolvedHttp();
            var client = ClientFactory.Create(AwsService.IoT, new AwsConnection { Region = "eu-west-10", AccessKey = "AKIDEXAMPLE", SecretKey = "secret" });
            ((ServiceClientConfig)client.Config).HttpClientFactory = http;
            var request = IoTJobExecutions.Instance.CancelRequest(new IoTJobExecutionTarget("t-1", "fw-9"));

            var error = await Assert.ThrowsAnyAsync<System.Exception>(() => client.SendAsync(request, default));

            Assert.Equal(FailureClassifier.NameNotResolved, FailureClassifier.NeverConnected(error));
            Assert.Equal(request.Attempts, request.UnconnectedAttempts);
            Assert.Equal(http.Sends, request.Attempts);
            Assert.Equal(0, request.AnsweredAttempts);
            Assert.False(request.MayHaveActed);
            Assert.Equal(WireState.NotSent, request.Wire);

            var failure = EndpointReach.Unreachable(client, request, FailureClassifier.NameNotResolved, explicitUrl: false, carriedUrl: false, error);
            Assert.Equal("EndpointUnreachable", failure.ErrorId);
            Assert.True(failure.DoomsEveryItem);
            Assert.Contains("iot.eu-west-10.amazonaws.com:443", failure.Message);
            Assert.Contains("AWS's IoT endpoint for region eu-west-10", failure.Message);
            Assert.Contains("'eu-west-10' is not one AWSSDK.Core knows; did you mean eu-west-1?", failure.Message);
        }

        [Theory]
        [InlineData("eu-west-10", "eu-west-1")]
        [InlineData("us-esat-1", "us-east-1")]
        [InlineData("ap-southeast-9", "ap-southeast-1")]
        public void TheNearestKnownRegionIsTheClosestSpelling(string typo, string nearest)
        {
            Assert.False(EndpointReach.IsKnownRegion(typo));
            Assert.Equal(nearest, EndpointReach.NearestKnownRegion(typo));
        }

        [Fact]
        public void AKnownRegionIsKnown() => Assert.True(EndpointReach.IsKnownRegion("eu-west-1"));
    }
}
