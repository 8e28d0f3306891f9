using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Errors;

namespace CancelJobs.Engine.Model
{
    /// <summary>How long and how often -Wait polls.</summary>
    public sealed class WaitPolicy
    {
        public WaitPolicy(TimeSpan timeout, TimeSpan firstInterval, TimeSpan maxInterval)
        {
            Timeout = timeout;
            FirstInterval = firstInterval;
            MaxInterval = maxInterval;
        }

        public TimeSpan Timeout { get; }
        public TimeSpan FirstInterval { get; }
        public TimeSpan MaxInterval { get; }
    }

    /// <summary>-Wait gave up: the cancel was accepted, but the job had not reached a terminal state in time.</summary>
    public sealed class WaitTimeoutException : TimeoutException
    {
        public WaitTimeoutException(string target, string? lastStatus, TimeSpan timeout)
            : base($"The cancel request for {target} was accepted, but it was still {lastStatus ?? "in an unknown state"} after waiting {timeout.TotalSeconds:0.#} s for a terminal state.")
        {
        }
    }

    /// <summary>The service refused the cancel because of the job's state; <see cref="CurrentStatus"/> is that state when it could be read.</summary>
    public sealed class JobStateConflictException : Exception
    {
        public JobStateConflictException(string? currentStatus, Exception refusal) : base(refusal.Message, refusal)
        {
            CurrentStatus = currentStatus;
        }

        public string? CurrentStatus { get; }
    }

    /// <summary>-Wait could not read the job's state; the cancel itself was accepted.</summary>
    public sealed class WaitFailedException : Exception
    {
        public WaitFailedException(string target, Exception innerException)
            : base($"The cancel request for {target} was accepted, but reading its state while waiting failed.", innerException)
        {
            Target = target;
        }

        public string Target { get; }
    }

    /// <summary>Runs one service's cancel workflow: send the cancel; with -Wait, poll until the job is terminal.</summary>
    public static class JobCanceller
    {
        public static async Task<TCancellation> CancelAsync<TTarget, TCancellation>(
            IJobService<TTarget, TCancellation> service, AwsServiceClient client, TTarget target, CancellationToken cancellationToken,
            Action<ApiRequest>? onRequest = null)
            where TCancellation : JobCancellation
        {
            var cancel = service.CancelRequest(target);
            onRequest?.Invoke(cancel);
            try
            {
                var response = await client.SendAsync(cancel, cancellationToken).ConfigureAwait(false);
                var answered = service.ReadCancellation(target, response, DateTime.UtcNow);
                answered.ServiceRequestId = response.ResponseMetadata?.RequestId;
                answered.Attempts = cancel.Attempts;
                return answered;
            }
            catch (AwsServiceError refused) when (FailureClassifier.Classify(refused, "").Kind == FailureKind.InvalidState)
            {
                // Already cancelled (a re-run), or our own earlier attempt took effect and only its answer was lost:
                // the job's state, read once, tells which refusals are really successes.
                var status = await ReadStatusOnceAsync(service, client, target, cancellationToken, onRequest).ConfigureAwait(false);
                if (status == null || !service.CancelledStates.Contains(status))
                {
                    throw new JobStateConflictException(status, refused);
                }
                var result = service.ReadCancellation(target, ApiResponse.Empty, DateTime.UtcNow);
                result.Status = status;
                result.AlreadyCancelled = cancel.UnansweredAttempts == 0;
                result.ServiceRequestId = refused.RequestId;
                result.Attempts = cancel.Attempts;
                return result;
            }
        }

        private static async Task<string?> ReadStatusOnceAsync<TTarget, TCancellation>(IJobService<TTarget, TCancellation> service, AwsServiceClient client,
            TTarget target, CancellationToken cancellationToken, Action<ApiRequest>? onRequest)
            where TCancellation : JobCancellation
        {
            var read = service.StatusRequest(target);
            onRequest?.Invoke(read);
            try
            {
                return service.ReadStatus(target, await client.SendAsync(read, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception error) when (!(error is OperationCanceledException))
            {
                // The refusal stands as it was; the state is simply not known.
                return null;
            }
        }

        /// <summary>
        /// Polls with doubling intervals (up to the policy's maximum) until the job is terminal; <paramref name="beforeEachPoll"/>
        /// applies a rate cap, <paramref name="onPolled"/> hears each status read. The deadline runs on a monotonic clock,
        /// so a wall-clock change neither ends the wait early nor stretches it.
        /// </summary>
        public static async Task<TCancellation> WaitForTerminalAsync<TTarget, TCancellation>(
            IJobService<TTarget, TCancellation> service, AwsServiceClient client, TTarget target, TCancellation result, WaitPolicy wait,
            CancellationToken cancellationToken, Action<ApiRequest>? onRequest = null, Func<CancellationToken, Task>? beforeEachPoll = null,
            Action<string?>? onPolled = null)
            where TCancellation : JobCancellation
        {
            var status = result.Status;
            var waited = Stopwatch.StartNew();
            var interval = wait.FirstInterval;
            while (status == null || !service.IsTerminal(status))
            {
                var left = wait.Timeout - waited.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    throw new WaitTimeoutException(service.Describe(target), status, wait.Timeout);
                }
                await Task.Delay(interval < left ? interval : left, cancellationToken).ConfigureAwait(false);
                if (beforeEachPoll != null)
                {
                    await beforeEachPoll(cancellationToken).ConfigureAwait(false);
                }
                var poll = service.StatusRequest(target);
                onRequest?.Invoke(poll);
                try
                {
                    var response = await client.SendAsync(poll, cancellationToken).ConfigureAwait(false);
                    status = service.ReadStatus(target, response) ?? status;
                    onPolled?.Invoke(status);
                }
                catch (Exception error) when (!(error is OperationCanceledException))
                {
                    throw new WaitFailedException(service.Describe(target), error);
                }
                interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, wait.MaxInterval.Ticks));
            }
            result.Status = status;
            result.Completed = true;
            return result;
        }
    }
}
