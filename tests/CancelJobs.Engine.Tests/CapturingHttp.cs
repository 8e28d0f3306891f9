using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace CancelJobs.Engine.Tests
{
    /// <summary>Core's HTTP seam: records each request and answers 200 with a canned body; nothing leaves the process.</summary>
    internal sealed class CapturingHttp : HttpClientFactory
    {
        private readonly string body;

        public CapturingHttp(string body = "{}") => this.body = body;

        public List<HttpRequestMessage> Requests { get; } = new List<HttpRequestMessage>();
        public List<string> Bodies { get; } = new List<string>();

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new HttpClient(new Handler(this));

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        private sealed class Handler : HttpMessageHandler
        {
            private readonly CapturingHttp owner;

            public Handler(CapturingHttp owner) => this.owner = owner;

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                owner.Requests.Add(request);
                owner.Bodies.Add(request.Content == null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
                var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(owner.body) };
                response.Headers.Add("x-amzn-RequestId", "captured");
                return response;
            }
        }
    }
}
