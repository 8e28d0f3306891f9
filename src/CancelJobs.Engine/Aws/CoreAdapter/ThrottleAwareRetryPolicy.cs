using System;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace CancelJobs.Engine.Aws
{
    /// <summary>
    /// Core's standard retries (backoff with jitter, clock-skew correction, attempt limit) for server and transport
    /// errors only. A throttle is not retried here: it goes straight back to <see cref="AwsServiceClient"/>, whose
    /// loop waits for the rate controller and sends again, so throttles never use up the attempts or the retry
    /// capacity that server errors need. When Core's retry capacity refuses a retry, the request is marked, so the
    /// failure can say so without reading exception text.
    /// Core (Internal): <c>StandardRetryPolicy</c> is Core's retry implementation; <c>RetryPolicy</c>'s hooks are
    /// public but only the standard policy implements backoff and capacity, and no public setting excludes throttles.
    /// </summary>
    internal sealed class ThrottleAwareRetryPolicy : StandardRetryPolicy
    {
        public ThrottleAwareRetryPolicy(IClientConfig config) : base(config)
        {
        }

        public override bool RetryForException(IExecutionContext executionContext, Exception exception) =>
            !ThrottleErrors.IsThrottle(exception) && Noted(executionContext, exception, base.RetryForException(executionContext, exception));

        public override async Task<bool> RetryForExceptionAsync(IExecutionContext executionContext, Exception exception) =>
            !ThrottleErrors.IsThrottle(exception) && Noted(executionContext, exception, await base.RetryForExceptionAsync(executionContext, exception).ConfigureAwait(false));

        /// <summary>A retried attempt that got no answer at all may still have taken effect on the service.</summary>
        private static bool Noted(IExecutionContext executionContext, Exception exception, bool retry)
        {
            if (retry && !(exception is AmazonServiceException answered && answered.StatusCode != 0)
                && executionContext.RequestContext.OriginalRequest is ApiRequest request)
            {
                System.Threading.Interlocked.Increment(ref request.UnansweredCount);
            }
            return retry;
        }

        public override bool OnRetry(IExecutionContext executionContext, bool bypassAcquireCapacity, bool isThrottlingError)
        {
            var granted = base.OnRetry(executionContext, bypassAcquireCapacity, isThrottlingError);
            if (!granted && executionContext.RequestContext.OriginalRequest is ApiRequest request)
            {
                request.RetryCapacityExhausted = true;
            }
            return granted;
        }
    }
}
