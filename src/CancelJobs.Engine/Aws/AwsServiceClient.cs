using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using CancelJobs.Engine.Aws.CoreAdapter;
using CancelJobs.Engine.Bulk;

namespace CancelJobs.Engine.Aws
{
    /// <summary>
    /// The engine's client for any of the four services. Each attempt waits for the operation's shared
    /// <see cref="AdaptiveRateController"/>; a throttled request is reported to it and sent again (ahead of later
    /// requests), for as long as its <see cref="ResendPolicy"/> allows from its first throttled answer. Core retries server
    /// and transport errors within its attempt limit.
    /// </summary>
    public sealed class AwsServiceClient : IDisposable
    {
        private readonly CoreServiceClient core;
        private readonly AWSCredentials? credentials;

        public AwsServiceClient(AwsService service, AWSCredentials? credentials, ServiceClientConfig config, ResendPolicy? resend = null)
        {
            Service = service;
            this.credentials = credentials;
            Resend = resend ?? ResendPolicy.Default;
            core = new CoreServiceClient(credentials, config);
        }

        public AwsService Service { get; }

        public IClientConfig Config => core.Config;

        /// <summary>The region requests go to (and are signed for).</summary>
        public string Region => core.Config.RegionEndpoint?.SystemName ?? core.Config.AuthenticationRegion ?? "";

        /// <summary>How throttled requests are sent again; set when the client is built.</summary>
        public ResendPolicy Resend { get; }

        /// <summary>The rate controller of the operation this client's requests were last throttled on (for progress), or null.</summary>
        public AdaptiveRateController? LastThrottled { get; private set; }

        /// <summary>Sends one operation and returns its parsed JSON body; service errors arrive as <see cref="AwsServiceError"/>.</summary>
        public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            var controller = await ControllerForAsync(request.Operation).ConfigureAwait(false);
            request.RateController = controller;
            // -ThrottleTimeout counts from this call's first throttled answer: time spent waiting for its turn before
            // the service ever refused it is the module's own pacing, not the service's refusal.
            Stopwatch? throttledFor = null;
            while (true)
            {
                try
                {
                    var response = await core.InvokeApiAsync(request, cancellationToken).ConfigureAwait(false);
                    controller.OnSuccess(request.LastSentAt);
                    return response;
                }
                catch (AmazonServiceException error) when (ThrottleErrors.IsThrottle(error))
                {
                    throttledFor ??= Stopwatch.StartNew();
                    request.ThrottleCount++;
                    LastThrottled = controller;
                    controller.OnThrottle(request.LastSentAt);
                    if (throttledFor.Elapsed >= Resend.ThrottleTimeout)
                    {
                        throw new ThrottledException(request.Operation, throttledFor.Elapsed, request.ThrottleCount, controller.AcceptedAtLastCut, error);
                    }
                    if (Resend.BeforeResend is { } beforeResend)
                    {
                        await beforeResend(cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (AmazonServiceException error) when (CredentialsRejectedException.IsRejection(error))
                {
                    throw new CredentialsRejectedException(await AccessKeyIdAsync().ConfigureAwait(false), error);
                }
                catch (Exception error) when (request.RetryCapacityExhausted && !(error is OperationCanceledException))
                {
                    throw new RetryCapacityExhaustedException(request.Attempts, error);
                }
            }
        }

        public void Dispose() => core.Dispose();

        private async Task<AdaptiveRateController> ControllerForAsync(string operation)
        {
            var config = core.Config;
            var endpoint = string.IsNullOrEmpty(config.ServiceURL) ? Service.EndpointPrefix : config.ServiceURL;
            // The signing region, not RegionEndpoint: Core clears that when a custom endpoint URL is set, and one URL may
            // serve several regions (the emulator's --regions, a proxy), each with a quota of its own.
            return RateControllers.For(endpoint, Region, await AccessKeyIdAsync().ConfigureAwait(false), operation);
        }

        /// <summary>Quotas are per account: the key id of the credentials in use now (they may rotate).</summary>
        private async Task<string> AccessKeyIdAsync()
        {
            if (credentials == null)
            {
                return "";
            }
            try
            {
                var current = await credentials.GetCredentialsAsync().ConfigureAwait(false);
                // Refreshed credentials are new secrets: masked from now on too.
                Connection.Secrets.Register(current?.SecretKey, current?.Token);
                return current?.AccessKey ?? "";
            }
            catch (Exception)
            {
                // Core will raise the same problem, with its own message, when it signs the request.
                return "";
            }
        }
    }
}
