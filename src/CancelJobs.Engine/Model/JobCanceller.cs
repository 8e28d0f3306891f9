using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Errors;

namespace CancelJobs.Engine.Model
{
    /// <summary>Runs one service's cancel workflow: send the cancel; with -Wait, poll until the job is terminal.</summary>
    public static class JobCanceller
    {
        /// <summary>
        /// Attempts for the one read of a job's state after a refusal or a lost answer, throttled resends included: it is
        /// one question with a few retries, never minutes of resending.
        /// </summary>
        public const int StateReadAttempts = 3;

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
            catch (AwsServiceError refused) when (MayBeStateRefusal(service, refused) && !IsRefusal(refused))
            {
                return await RefusedWithAGeneralCodeAsync(service, client, target, cancel, refused, cancellationToken, onRequest).ConfigureAwait(false);
            }
            catch (AwsServiceError refused) when (FailureClassifier.Classify(refused, "").Kind == FailureKind.InvalidState)
            {
                // Already cancelled (a re-run), or our own earlier attempt took effect and only its answer was lost:
                // the job's state, read once, tells which refusals are really successes.
                var read = await ReadStatusOnceAsync(service, client, target, cancellationToken, onRequest).ConfigureAwait(false);
                if (read.Status != null && service.CancelledStates.Contains(read.Status))
                {
                    return Cancelled(service, target, cancel, read.Status, alreadyCancelled: !cancel.MayHaveActed, refused.RequestId);
                }
                if (read.Status == null && cancel.MayHaveActed)
                {
                    // The refusal may be the answer to our own lost attempt: it says nothing about the job's state then.
                    throw Unknown(service, target, cancel, read, refused);
                }
                throw new JobStateConflictException(read.Status, refused);
            }
            catch (Exception failed) when (!(failed is OperationCanceledException) && cancel.MayHaveActed && !IsRefusal(failed)
                && !FailureClassifier.Classify(failed, "").DoomsEveryItem)
            {
                // An attempt reached the service and its answer was lost, and the call then failed: the cancel may have
                // taken effect. The job's state, read once, tells.
                var read = await ReadStatusOnceAsync(service, client, target, cancellationToken, onRequest).ConfigureAwait(false);
                if (read.Status != null && service.CancelledStates.Contains(read.Status))
                {
                    return Cancelled(service, target, cancel, read.Status, alreadyCancelled: false, null);
                }
                if (read.Status == null)
                {
                    throw Unknown(service, target, cancel, read, failed);
                }
                // The job is in another state: the cancel did not take effect, and the failure stands.
                throw;
            }
        }

        private static bool MayBeStateRefusal(object service, AwsServiceError refused) =>
            service is IRefusesByState declared && declared.StateRefusalCodes.Contains(refused.ErrorCode);

        /// <summary>
        /// A refusal with a code that means a state conflict only for this service (IoT CancelJob's InvalidRequestException):
        /// the job's state, read once, tells an accepted cancel (cancelled state), a state conflict (terminal state) and a
        /// bad request (anything else: the error stands).
        /// </summary>
        private static async Task<TCancellation> RefusedWithAGeneralCodeAsync<TTarget, TCancellation>(IJobService<TTarget, TCancellation> service,
            AwsServiceClient client, TTarget target, ApiRequest cancel, AwsServiceError refused, CancellationToken cancellationToken, Action<ApiRequest>? onRequest)
            where TCancellation : JobCancellation
        {
            var read = await ReadStatusOnceAsync(service, client, target, cancellationToken, onRequest).ConfigureAwait(false);
            if (read.Status != null && service.CancelledStates.Contains(read.Status))
            {
                return Cancelled(service, target, cancel, read.Status, alreadyCancelled: !cancel.MayHaveActed, refused.RequestId);
            }
            if (read.Status == null && cancel.MayHaveActed)
            {
                throw Unknown(service, target, cancel, read, refused);
            }
            if (read.Status != null && service.IsTerminal(read.Status))
            {
                throw new JobStateConflictException(read.Status, refused);
            }
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(refused).Throw();
            throw refused;
        }

        private static bool IsRefusal(Exception error) =>
            error is AwsServiceError refused && FailureClassifier.Classify(refused, "").Kind == FailureKind.InvalidState;

        private static TCancellation Cancelled<TTarget, TCancellation>(IJobService<TTarget, TCancellation> service, TTarget target, ApiRequest cancel,
            string status, bool alreadyCancelled, string? requestId)
            where TCancellation : JobCancellation
        {
            var result = service.ReadCancellation(target, ApiResponse.Empty, DateTime.UtcNow);
            result.Status = status;
            result.AlreadyCancelled = alreadyCancelled;
            result.ServiceRequestId = requestId;
            result.Attempts = cancel.Attempts;
            return result;
        }

        private static OutcomeUnknownException Unknown<TTarget, TCancellation>(IJobService<TTarget, TCancellation> service, TTarget target, ApiRequest cancel,
            StateRead read, Exception cancelFailure)
            where TCancellation : JobCancellation
        {
            var description = service.Describe(target);
            var problem = read.Failure == null ? "the answer named no state" : FailureClassifier.Classify(read.Failure, description).ErrorId;
            return new OutcomeUnknownException(description, cancel, read.Request, read.Failure ?? cancelFailure, problem);
        }

        private sealed class StateRead
        {
            public StateRead(ApiRequest request, string? status, Exception? failure)
            {
                Request = request;
                Status = status;
                Failure = failure;
            }

            public ApiRequest Request { get; }
            public string? Status { get; }
            public Exception? Failure { get; }
        }

        private static async Task<StateRead> ReadStatusOnceAsync<TTarget, TCancellation>(IJobService<TTarget, TCancellation> service, AwsServiceClient client,
            TTarget target, CancellationToken cancellationToken, Action<ApiRequest>? onRequest)
            where TCancellation : JobCancellation
        {
            var read = service.StatusRequest(target);
            read.AttemptLimit = StateReadAttempts;
            onRequest?.Invoke(read);
            try
            {
                return new StateRead(read, service.ReadStatus(target, await client.SendAsync(read, cancellationToken).ConfigureAwait(false)), null);
            }
            catch (Exception error) when (!(error is OperationCanceledException))
            {
                // The state is simply not known; the caller decides what the refusal or the lost answer means then.
                return new StateRead(read, null, error);
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
