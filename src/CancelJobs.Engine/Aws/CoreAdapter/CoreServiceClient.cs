using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace CancelJobs.Engine.Aws.CoreAdapter
{
    /// <summary>
    /// Core's client for any of the four services: Core supplies credentials, SigV4, clock-skew correction, error
    /// parsing and the retries of server and transport errors; this class plugs in endpoints, auth, the retry policy
    /// and the per-attempt rate control. Core (Internal): <c>RuntimePipeline</c>, <c>PipelineHandler</c> and
    /// <c>InvokeOptions</c> are the only way to send a request through Core's pipeline without a generated client.
    /// </summary>
    internal sealed class CoreServiceClient : AmazonServiceClient
    {
        private readonly ServiceClientConfig serviceConfig;
        private IServiceMetadata? metadata;

        public CoreServiceClient(AWSCredentials? credentials, ServiceClientConfig config)
            : base(credentials!, config)
        {
            serviceConfig = config;
        }

        // The base constructor reads this before our fields are set, so build it on demand.
        protected override IServiceMetadata ServiceMetadata => metadata ??= new Metadata(Config.ServiceId);

        public Task<ApiResponse> InvokeApiAsync(ApiRequest request, CancellationToken cancellationToken) =>
            InvokeAsync<ApiResponse>(request, new InvokeOptions
            {
                RequestMarshaller = new ApiRequestMarshaller(serviceConfig.Service),
                ResponseUnmarshaller = new ApiResponseUnmarshaller(request),
            }, cancellationToken);

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            pipeline.RemoveHandler<EndpointResolver>();
            pipeline.AddHandlerAfter<Marshaller>(new ServiceEndpointResolver());
            pipeline.AddHandlerAfter<Marshaller>(new SigV4AuthResolver());
            // Throttles go back to AwsServiceClient's loop, never through Core's retries or its token bucket.
            pipeline.ReplaceHandler<RetryHandler>(new RetryHandler(new ThrottleAwareRetryPolicy(Config)));
            pipeline.AddHandlerAfter<RetryHandler>(new AttemptHandler());
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

        /// <summary>
        /// Sits inside Core's retry loop, so it sees every attempt: counts it (-Verbose reports the count), waits for
        /// the operation's rate controller before it leaves (retries of server errors included), and records where the
        /// call stands on the wire: handed to HTTP, answered, lost, or never connected. A report of an unfinished run
        /// and the lost-answer logic read that state, never exception text.
        /// </summary>
        private sealed class AttemptHandler : PipelineHandler
        {
            public override void InvokeSync(IExecutionContext executionContext)
            {
                if (executionContext.RequestContext.OriginalRequest is ApiRequest request)
                {
                    Interlocked.Increment(ref request.AttemptCount);
                }
                base.InvokeSync(executionContext);
            }

            public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
            {
                var request = executionContext.RequestContext.OriginalRequest as ApiRequest;
                if (request != null)
                {
                    if (request.AttemptLimit is int limit && request.AttemptCount >= limit)
                    {
                        throw new AttemptLimitException(request.Operation, request.AttemptCount, request.LastError);
                    }
                    Interlocked.Increment(ref request.AttemptCount);
                    if (request.RateController != null)
                    {
                        request.LastSentAt = await request.RateController.AcquireAsync(request.RatePlace, executionContext.RequestContext.CancellationToken).ConfigureAwait(false);
                    }
                    var endpoint = executionContext.RequestContext.Request?.Endpoint;
                    request.SentTo = endpoint == null ? null : $"{endpoint.Host}:{endpoint.Port}";
                    Volatile.Write(ref request.wireState, (int)WireState.AwaitingAnswer);
                }
                try
                {
                    var result = await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
                    if (request != null)
                    {
                        Interlocked.Increment(ref request.AnsweredCount);
                        Volatile.Write(ref request.succeeded, 1);
                        Volatile.Write(ref request.wireState, (int)WireState.Answered);
                    }
                    return result;
                }
                catch (Exception error) when (request != null)
                {
                    Record(request, error, executionContext.RequestContext.CancellationToken.IsCancellationRequested);
                    throw;
                }
            }

            private static void Record(ApiRequest request, Exception error, bool canceled)
            {
                request.LastError = error;
                if (ThrottleAwareRetryPolicy.IsErrorAnswer(error) || NotAwsAnswerException.In(error) != null)
                {
                    Interlocked.Increment(ref request.AnsweredCount);
                    Volatile.Write(ref request.wireState, (int)WireState.Answered);
                }
                else if (!canceled && Errors.FailureClassifier.NeverConnected(error) != null)
                {
                    // Refused, unresolvable or failed TLS: this attempt never reached the service.
                    Interlocked.Increment(ref request.UnconnectedCount);
                    Volatile.Write(ref request.wireState, (int)WireState.NotSent);
                }
                else
                {
                    // No answer came back (reset, timeout, cut-off body, or abandoned by a stop): the service may still
                    // have acted on it.
                    if (!canceled)
                    {
                        Interlocked.Increment(ref request.UnansweredCount);
                    }
                    Volatile.Write(ref request.mayHaveActed, 1);
                    Volatile.Write(ref request.wireState, (int)WireState.AnswerLost);
                }
            }
        }
    }
}
