using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using CancelJobs.Engine.Aws;

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
            var response = await client.SendAsync(cancel, cancellationToken).ConfigureAwait(false);
            var result = service.ReadCancellation(target, response, DateTime.UtcNow);
            result.ServiceRequestId = response.ResponseMetadata?.RequestId;
            result.Attempts = cancel.Attempts;
            return result;
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
