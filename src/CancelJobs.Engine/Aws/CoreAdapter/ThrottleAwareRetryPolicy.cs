using System;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace CancelJobs.Engine.Aws.CoreAdapter
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
        /// <summary>Attempts for one server or transport error streak: AWS's standard mode allows 3.</summary>
        public const int MaxAttempts = 3;

        public ThrottleAwareRetryPolicy(IClientConfig config) : base(config)
        {
            MaxRetries = MaxAttempts - 1;
        }

        // An answer that is not AWS's is not retried either: the same endpoint would answer the same way.
        public override bool RetryForException(IExecutionContext executionContext, Exception exception) =>
            !ThrottleErrors.IsThrottle(exception) && NotAwsAnswerException.In(exception) == null
            && (IsLostConnection(executionContext, exception) || base.RetryForException(executionContext, exception));

        public override async Task<bool> RetryForExceptionAsync(IExecutionContext executionContext, Exception exception) =>
            !ThrottleErrors.IsThrottle(exception) && NotAwsAnswerException.In(exception) == null
            && (IsLostConnection(executionContext, exception) || await base.RetryForExceptionAsync(executionContext, exception).ConfigureAwait(false));

        /// <summary>The service answered with an error (not a success whose body was cut off).</summary>
        internal static bool IsErrorAnswer(Exception exception) => exception is AmazonServiceException answered && (int)answered.StatusCode >= 300;

        /// <summary>
        /// A connection that dropped or timed out mid-request (Core passes a bare IOException or HttpRequestException
        /// through without retrying it). Not a cancellation the caller asked for.
        /// </summary>
        private static bool IsLostConnection(IExecutionContext executionContext, Exception exception)
        {
            if (executionContext.RequestContext.CancellationToken.IsCancellationRequested || IsErrorAnswer(exception))
            {
                return false;
            }
            for (var cause = exception; cause != null; cause = cause.InnerException)
            {
                if (cause is System.IO.IOException || cause is System.Net.Http.HttpRequestException || cause is TimeoutException
                    || (cause is TaskCanceledException && cause == exception))
                {
                    return true;
                }
            }
            return false;
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
