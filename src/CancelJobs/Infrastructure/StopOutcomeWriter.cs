using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using CancelJobs.Engine.Bulk;
using CancelJobs.Engine.Connection;
using CancelJobs.Engine.Errors;
using CancelJobs.Engine.Model;

namespace CancelJobs.Infrastructure
{
    /// <summary>
    /// Writes a Stop-* run's outcomes in input order from the pipeline thread, and, when the run ends before all are
    /// written (Ctrl+C, -ErrorAction Stop, a terminating error, a downstream command that stopped), reports through the
    /// host what became of each unwritten one (<see cref="UnwrittenReport"/>), once.
    /// </summary>
    internal sealed class StopOutcomeWriter<TTarget, TCancellation> where TCancellation : JobCancellation
    {
        private readonly OrderedBulkExecutor<StopItem<TTarget, TCancellation>, TCancellation> executor;
        private readonly StopProgress progress;
        private readonly IStopOutput<TTarget> output;

        /// <summary>Which taken outcomes the report of unwritten items must still name.</summary>
        private readonly UnwrittenLedger<BulkOutcome<StopItem<TTarget, TCancellation>, TCancellation>> unwritten =
            new UnwrittenLedger<BulkOutcome<StopItem<TTarget, TCancellation>, TCancellation>>();

        /// <summary>Set once any written outcome's request got an answer: from then on an unreachable endpoint is a per-item failure.</summary>
        private bool endpointAnswered;

        /// <summary>
        /// Set by the workers when an item's cancel got any answer, written or not yet: an item still waiting for its turn
        /// in the output (behind one that never connected) is an answer of this command too.
        /// </summary>
        private int answeredOnTheWire;

        /// <summary>host:port of the endpoint the command stops on with EndpointUnreachable: no request of it reached it.</summary>
        private string? unreachableEndpoint;

        /// <summary>
        /// Regions whose credentials were refused for an item that chose its region, with that item's description. Filled by
        /// the worker that got the refusal, so items already queued for that region are not sent either.
        /// </summary>
        private readonly ConcurrentDictionary<string, string> refusedRegions = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        public StopOutcomeWriter(OrderedBulkExecutor<StopItem<TTarget, TCancellation>, TCancellation> executor, StopProgress progress, IStopOutput<TTarget> output)
        {
            this.executor = executor;
            this.progress = progress;
            this.output = output;
        }

        /// <summary>Outcomes are left that were never written (taken and interrupted, or still in the executor).</summary>
        public bool HasUnwritten => executor.Pending > 0 || unwritten.BeingWritten != null;

        /// <summary>
        /// The failure for an item bound for <paramref name="region"/> after the credentials were refused there for an
        /// earlier item that chose the same region; null to send.
        /// </summary>
        public Failure? RefusedBefore(string region, string description) =>
            refusedRegions.TryGetValue(region, out var earlier)
                ? new Failure(ErrorIds.AuthenticationFailed, FailureKind.AuthenticationFailed,
                    $"Nothing was sent for {description}: {region} refused the credentials for {earlier} (see that error), and would refuse every "
                    + "request of this command the same way. The other regions' items were sent. If it is an opt-in region, it must be enabled for the account.")
                : null;

        /// <summary>Worker side, in the flow that sent the item's requests: note whether any of them was answered.</summary>
        public void NoteAnswered(StopItem<TTarget, TCancellation> item)
        {
            if (item.Requests.Any(request => request.AnsweredAttempts > 0))
            {
                Interlocked.Exchange(ref answeredOnTheWire, 1);
            }
        }

        /// <summary>
        /// Worker side, as soon as an item that chose its region fails: when the region refused the credentials, no
        /// further item is sent there, also those already waiting in the executor for a slot (see <see cref="RefusedBefore"/>).
        /// </summary>
        public void NoteFailure(StopItem<TTarget, TCancellation> item, Exception error)
        {
            if (item.OwnRegion && item.Client != null
                && FailureClassifier.Classify(error, item.Description).Kind == FailureKind.AuthenticationFailed)
            {
                refusedRegions.TryAdd(item.Client.Region, item.Description);
            }
        }

        /// <summary>Writes the outcomes that are ready now, without waiting.</summary>
        public void WriteReady()
        {
            foreach (var outcome in executor.TakeReady())
            {
                Write(outcome);
            }
        }

        /// <summary>Takes outcomes until the executor has room for one more item.</summary>
        public void MakeRoom()
        {
            while (executor.IsFull)
            {
                Write(executor.TakeNext(StopProgress.Interval));
                progress.Report(executor, force: false);
            }
        }

        /// <summary>Writes every outcome still to come, in input order.</summary>
        public void DrainAll()
        {
            while (executor.Pending > 0)
            {
                Write(executor.TakeNext(StopProgress.Interval));
                progress.Report(executor, force: false);
            }
        }

        /// <summary>Cancels what remains and names, through the host, the requests that were sent but not written. Pipeline thread only.</summary>
        public void StopAndReport()
        {
            executor.Cancel();
            // Ctrl+C (another thread) and an error turned terminating can both get here; the ledger tells the user once.
            if (unwritten.ReportOnce(() => executor.SettleUntaken(TimeSpan.FromMilliseconds(500))) is { } outcomes)
            {
                ReportUnwritten(outcomes);
            }
        }

        private void Write(BulkOutcome<StopItem<TTarget, TCancellation>, TCancellation>? outcome)
        {
            if (outcome == null)
            {
                return;
            }
            unwritten.Taking(outcome);
            // What the polls saw comes before the outcome they led to.
            progress.WritePollNotes();
            var item = outcome.Item;
            if (item.Rejection != null)
            {
                WriteErrorOrReport(item.Rejection);
                return;
            }
            WriteRequests(item);
            if (outcome.Succeeded)
            {
                WriteResult(item, outcome.Result!);
                return;
            }
            if (outcome.Error is OperationCanceledException && executor.HaltedBy is { } cause && !ReferenceEquals(cause, outcome))
            {
                // -ErrorAction Stop: a later item's failure halted the run and canceled this one. The real failure is
                // the terminating error (written now, out of order: it is the halt's own outcome, never canceled by it);
                // this item is reported with the other requests that were sent.
                unwritten.CanceledByHalt(outcome, cause);
                Write(cause);
                return;
            }
            WriteFailure(item, outcome.Error!);
        }

        /// <summary>-Verbose: each request sent for the item, with its attempts.</summary>
        private void WriteRequests(StopItem<TTarget, TCancellation> item)
        {
            if (item.Requests.Any(request => request.AnsweredAttempts > 0))
            {
                endpointAnswered = true;
            }
            foreach (var request in item.Requests)
            {
                output.WriteVerboseLine($"{request.Operation} {request.HttpMethod} {request.DescribePath()} for {item.Description}: {Plural(request.Attempts, "attempt")}"
                    + $"{(request.Throttles > 0 ? $" ({request.Throttles} throttled and sent again)" : "")}.");
            }
        }

        private void WriteResult(StopItem<TTarget, TCancellation> item, TCancellation result)
        {
            if (result.AlreadyCancelled)
            {
                output.WriteVerboseLine($"{FailureClassifier.Capitalize(item.Description)} was already {result.Status}; nothing to cancel.");
            }
            else if (item.Requests.Count > 0 && item.Requests[0].UnansweredAttempts > 0)
            {
                output.WriteVerboseLine($"The answer to a cancel request for {item.Description} was lost; the job is {result.Status}, so the cancel took effect.");
            }
            // Ctrl+C: the pipeline takes no more output, this result included. Without Ctrl+C a downstream command
            // (Select-Object -First) took this result and stopped the rest.
            WriteOrReport<PipelineStoppedException>(() => output.WriteResult(result));
        }

        private void WriteFailure(StopItem<TTarget, TCancellation> item, Exception error)
        {
            var failure = FailureClassifier.Classify(error, item.Description);
            if (!endpointAnswered && Volatile.Read(ref answeredOnTheWire) == 0 && Unreachable(item, failure) is { } unreachable)
            {
                // Nothing in this command has ever been answered and this endpoint was never reached: every other item
                // would fail the same way after its own retries. One terminating error instead of N.
                failure = unreachable;
                unreachableEndpoint = item.Requests[0].SentTo;
            }
            // One region of several refused the credentials (on AWS: an opt-in region not enabled for the account): the
            // other regions' items go on; this region's later items are refused before sending (RefusedBefore).
            var regionRefused = failure.Kind == FailureKind.AuthenticationFailed && item.OwnRegion && item.Client != null;
            if (regionRefused)
            {
                failure = failure.InRegion(item.Client!.Region);
                refusedRegions.TryAdd(item.Client.Region, item.Description);
            }
            output.WriteFailureDetail(failure);
            // The audit trail names the cancel request: its request id (also when a later poll failed) and its attempts.
            var record = ErrorRecords.From(failure, item.Input, output.AdviceFor(failure, item.Target),
                item.Accepted?.ServiceRequestId, item.Requests.Count > 0 ? item.Requests[0].Attempts : 0);
            if (regionRefused && refusedRegions.Count < output.RegionsAsked)
            {
                WriteErrorOrReport(record);
                return;
            }
            // Every -Region value has refused the credentials (a wrong secret key is refused everywhere): as with one
            // region, every item is doomed, so the command stops once rather than failing every item.
            if (failure.DoomsEveryItem)
            {
                unwritten.Written();
                // Every further request would be rejected the same way: stop once instead of failing N times.
                StopAndReport();
                output.Terminate(record);
                return;
            }
            WriteErrorOrReport(record);
        }

        // -ErrorAction Stop made this error terminating, and it is shown; or Ctrl+C stopped the pipeline, and it is not.
        private void WriteErrorOrReport(ErrorRecord record) => WriteOrReport<RuntimeException>(() => output.WriteItemFailure(record));

        /// <summary>
        /// Writes one outcome. A write that throws <typeparamref name="TEnded"/> ends the run: the outcome counts as
        /// written unless Ctrl+C stopped the pipeline (both throw PipelineStoppedException from the write, so only the
        /// stop token tells them apart), and what else was sent is reported before the exception goes on.
        /// </summary>
        private void WriteOrReport<TEnded>(Action write) where TEnded : Exception
        {
            try
            {
                write();
                unwritten.Written();
            }
            catch (TEnded)
            {
                if (!output.Stopping.IsCancellationRequested)
                {
                    unwritten.Written();
                }
                StopAndReport();
                throw;
            }
        }

        /// <summary>
        /// EndpointUnreachable, when every attempt of this item's cancel failed to reach the endpoint (the name did not
        /// resolve, the connection was refused, TLS failed); null otherwise.
        /// </summary>
        private Failure? Unreachable(StopItem<TTarget, TCancellation> item, Failure failure)
        {
            var cancel = item.Requests.Count > 0 ? item.Requests[0] : null;
            if (failure.Kind != FailureKind.ConnectionFailed || cancel == null || cancel.Attempts == 0 || cancel.UnconnectedAttempts < cancel.Attempts
                || item.Client == null)
            {
                return null;
            }
            var reason = FailureClassifier.NeverConnected(failure.Exception ?? new Exception()) ?? "no connection could be made";
            var explicitUrl = output.EndpointUrlGiven;
            return EndpointReach.Unreachable(item.Client, cancel, reason, explicitUrl, !explicitUrl && item.Connection?.EndpointUrl != null, failure.Exception);
        }

        /// <summary>Says, through the host, what became of each outcome the run ended before writing.</summary>
        private void ReportUnwritten(IReadOnlyList<BulkOutcome<StopItem<TTarget, TCancellation>, TCancellation>> outcomes)
        {
            var lines = UnwrittenReport.Lines(output.CommandName, outcomes.Select(FactsOf).ToList(), unreachableEndpoint);
            if (lines.Count == 0)
            {
                return;
            }
            try
            {
                // Straight to the host (the pipeline may be stopping), so masked here as WriteWarning would mask it.
                output.WarnThroughHost(Secrets.Redact(ParameterNames.Fill(string.Join(Environment.NewLine, lines))));
            }
            catch (Exception)
            {
                // A host that cannot write now (it is tearing down) must not turn a stop into a crash.
            }
        }

        private static UnwrittenItem FactsOf(BulkOutcome<StopItem<TTarget, TCancellation>, TCancellation> outcome)
        {
            var item = outcome.Item;
            return new UnwrittenItem(item.Description)
            {
                RejectedErrorId = item.Rejection?.FullyQualifiedErrorId.Split(',')[0],
                AcceptedStatus = item.Accepted is { } accepted ? item.LastStatus ?? accepted.Status : null,
                Started = outcome.Started,
                Completed = outcome.Completed,
                Succeeded = outcome.Succeeded,
                ResultStatus = outcome.Result?.Status,
                Error = outcome.Error,
                Requests = item.Requests,
            };
        }

        private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
    }
}
