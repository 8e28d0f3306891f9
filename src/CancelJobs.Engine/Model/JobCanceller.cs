using System;
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

    /// <summary>-Wait gave up: the job had not reached a terminal state in time.</summary>
    public sealed class WaitTimeoutException : TimeoutException
    {
        public WaitTimeoutException(string target, string? lastStatus, TimeSpan timeout)
            : base($"{target} was still {lastStatus ?? "in an unknown state"} after waiting {timeout.TotalSeconds:0.#} s for a terminal state.")
        {
            LastStatus = lastStatus;
        }

        public string? LastStatus { get; }
    }

    /// <summary>Runs one service's cancel workflow: send the cancel, then (with -Wait) poll until the job is terminal.</summary>
    public static class JobCanceller
    {
        public static async Task<TCancellation> CancelAsync<TTarget, TCancellation>(
            IJobService<TTarget, TCancellation> service, AwsServiceClient client, TTarget target, WaitPolicy? wait, CancellationToken cancellationToken,
            Action<ApiRequest>? onRequest = null)
            where TCancellation : JobCancellation
        {
            var cancel = service.CancelRequest(target);
            onRequest?.Invoke(cancel);
            var response = await client.SendAsync(cancel, cancellationToken).ConfigureAwait(false);
            var result = service.ReadCancellation(target, response, DateTime.UtcNow);
            if (wait == null)
            {
                return result;
            }
            result.Status = await WaitForTerminalAsync(service, client, target, result.Status, wait, cancellationToken, onRequest).ConfigureAwait(false);
            result.Completed = true;
            return result;
        }

        private static async Task<string> WaitForTerminalAsync<TTarget, TCancellation>(
            IJobService<TTarget, TCancellation> service, AwsServiceClient client, TTarget target, string? status, WaitPolicy wait, CancellationToken cancellationToken,
            Action<ApiRequest>? onRequest)
            where TCancellation : JobCancellation
        {
            var deadline = DateTime.UtcNow + wait.Timeout;
            var interval = wait.FirstInterval;
            while (status == null || !service.IsTerminal(status))
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new WaitTimeoutException(service.Describe(target), status, wait.Timeout);
                }
                await Task.Delay(interval < left ? interval : left, cancellationToken).ConfigureAwait(false);
                var poll = service.StatusRequest(target);
                onRequest?.Invoke(poll);
                var response = await client.SendAsync(poll, cancellationToken).ConfigureAwait(false);
                status = service.ReadStatus(target, response) ?? status;
                interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, wait.MaxInterval.Ticks));
            }
            return status;
        }
    }
}
