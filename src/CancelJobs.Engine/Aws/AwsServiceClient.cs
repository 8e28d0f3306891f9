using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace CancelJobs.Engine.Aws
{
    /// <summary>
    /// One Core service client for any of the four services. Core supplies credentials, SigV4, retries,
    /// clock-skew correction and error parsing; this class only plugs in endpoints, auth and a generic call.
    /// </summary>
    public sealed class AwsServiceClient : AmazonServiceClient
    {
        private IServiceMetadata? metadata;

        public AwsServiceClient(AwsService service, AWSCredentials? credentials, ServiceClientConfig config)
            : base(credentials!, config)
        {
            Service = service;
        }

        public AwsService Service { get; }

        // The base constructor reads this before our fields are set, so build it on demand.
        protected override IServiceMetadata ServiceMetadata => metadata ??= new Metadata(Config.ServiceId);

        /// <summary>How often a call waits again when adaptive retry's client-side token bucket is empty.</summary>
        private const int CapacityWaits = 6;

        /// <summary>Sends one operation and returns its parsed JSON body; service errors arrive as <see cref="AwsServiceError"/>.</summary>
        public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            var options = new InvokeOptions
            {
                RequestMarshaller = new ApiRequestMarshaller(Service),
                ResponseUnmarshaller = ApiResponseUnmarshaller.Instance,
            };
            for (var wait = 1; ; wait++)
            {
                try
                {
                    return await InvokeAsync<ApiResponse>(request, options, cancellationToken).ConfigureAwait(false);
                }
                catch (AmazonClientException error) when (IsAdaptiveCapacityExhausted(error) && wait < CapacityWaits)
                {
                    // Adaptive mode gives up on its own token bucket outside Core's retry loop; under many concurrent
                    // requests that fails items the service never refused. Back off and ask again instead.
                    await Task.Delay(TimeSpan.FromMilliseconds(100 << wait), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        /// <summary>Core's adaptive rate limiter found no capacity (it has no exception type of its own).</summary>
        public static bool IsAdaptiveCapacityExhausted(Exception error) =>
            error is AmazonClientException && !(error is AmazonServiceException)
            && error.Message.IndexOf("capacity could not be obtained", StringComparison.OrdinalIgnoreCase) >= 0;

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            pipeline.RemoveHandler<EndpointResolver>();
            pipeline.AddHandlerAfter<Marshaller>(new ServiceEndpointResolver());
            pipeline.AddHandlerAfter<Marshaller>(new SigV4AuthResolver());
            pipeline.AddHandlerAfter<RetryHandler>(new AttemptCounter());
        }

        private sealed class Metadata : IServiceMetadata
        {
            public Metadata(string serviceId) => ServiceId = serviceId;
            public string ServiceId { get; }
            public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
        }

        /// <summary>Without an auth scheme Core has no signer; every operation here is plain SigV4.</summary>
        private sealed class SigV4AuthResolver : BaseAuthResolverHandler
        {
            protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) => AuthSchemeOption.DEFAULT_SIGV4;
        }

        /// <summary>Sits inside the retry loop, so it sees every attempt; -Verbose reports the count.</summary>
        private sealed class AttemptCounter : PipelineHandler
        {
            public override void InvokeSync(IExecutionContext executionContext)
            {
                Count(executionContext);
                base.InvokeSync(executionContext);
            }

            public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
            {
                Count(executionContext);
                return base.InvokeAsync<T>(executionContext);
            }

            private static void Count(IExecutionContext executionContext)
            {
                if (executionContext.RequestContext.OriginalRequest is ApiRequest request)
                {
                    Interlocked.Increment(ref request.AttemptCount);
                }
            }
        }
    }
}
