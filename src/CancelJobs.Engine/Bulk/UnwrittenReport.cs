using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Errors;

namespace CancelJobs.Engine.Bulk
{
    /// <summary>What became of an item whose outcome was not written, in the order the report counts them.</summary>
    public enum UnwrittenKind
    {
        Done,
        SentAnswerUnknown,
        ThrottledWaiting,
        NotSent,
    }

    /// <summary>What the report needs to know about one item whose outcome was not written.</summary>
    public sealed class UnwrittenItem
    {
        public UnwrittenItem(string description) => Description = description;

        /// <summary>The item as messages name it ("IoT job execution fw-7 on thing t-1").</summary>
        public string Description { get; }

        /// <summary>The ErrorId of an item refused before anything was sent for it, else null.</summary>
        public string? RejectedErrorId { get; set; }

        /// <summary>The state the service reported when it accepted the cancel (or the latest -Wait poll), if it did.</summary>
        public string? AcceptedStatus { get; set; }

        public bool Started { get; set; }
        public bool Completed { get; set; }
        public bool Succeeded { get; set; }

        /// <summary>The state of a successful result, when there is one.</summary>
        public string? ResultStatus { get; set; }

        /// <summary>The failure of a completed item (or the cancellation that abandoned it).</summary>
        public Exception? Error { get; set; }

        /// <summary>Every request sent for the item; the first is its cancel.</summary>
        public IReadOnlyList<ApiRequest> Requests { get; set; } = Array.Empty<ApiRequest>();
    }

    /// <summary>
    /// The report of items whose outcome was not written when a run ended early: what became of each, from its outcome
    /// and where its cancel request stood on the wire. Never "cancelled" for what the service did not accept.
    /// </summary>
    public static class UnwrittenReport
    {
        public static string KindText(UnwrittenKind kind) => kind switch
        {
            UnwrittenKind.Done => "finished",
            UnwrittenKind.SentAnswerUnknown => "sent, answer unknown",
            UnwrittenKind.ThrottledWaiting => "throttled, waiting to resend",
            _ => "not sent",
        };

        /// <summary>
        /// The report's lines: a heading with the counts per kind, then one line per item. <paramref name="unreachableEndpoint"/>
        /// is the host:port the command stopped on as EndpointUnreachable, if it did.
        /// </summary>
        public static IReadOnlyList<string> Lines(string commandName, IReadOnlyList<UnwrittenItem> items, string? unreachableEndpoint)
        {
            if (items.Count == 0)
            {
                return Array.Empty<string>();
            }
            var states = items.Select(item => (item.Description, State: StateOf(item, unreachableEndpoint))).ToList();
            var counts = string.Join("; ", states.GroupBy(s => s.State.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {KindText(g.Key)}"));
            var lines = new List<string> { $"{commandName} stopped with {Plural(items.Count, "item")} whose outcome was not written ({counts}):" };
            lines.AddRange(states.Select(s => $"  {s.Description}: {s.State.Text}"));
            return lines;
        }

        /// <summary>What became of one item.</summary>
        public static (UnwrittenKind Kind, string Text) StateOf(UnwrittenItem item, string? unreachableEndpoint)
        {
            if (item.RejectedErrorId != null)
            {
                return (UnwrittenKind.NotSent, $"not sent: {item.RejectedErrorId}");
            }
            if (item.AcceptedStatus != null && (!item.Completed || item.Error is OperationCanceledException))
            {
                return (UnwrittenKind.Done, $"the cancel was accepted ({item.AcceptedStatus}); waiting for a terminal state stopped");
            }
            if (item.Completed && item.Succeeded)
            {
                return (UnwrittenKind.Done, item.ResultStatus == null ? "cancelled" : $"cancelled ({item.ResultStatus})");
            }
            var cancel = item.Requests.Count > 0 ? item.Requests[0] : null;
            if (item.Completed && !(item.Error is OperationCanceledException))
            {
                return cancel != null && cancel.Attempts > 0 && cancel.UnconnectedAttempts == cancel.Attempts
                    ? (UnwrittenKind.NotSent, "not sent: nothing was done (the endpoint could not be reached)")
                    : (UnwrittenKind.Done, "failed: " + FailureClassifier.Classify(item.Error ?? new InvalidOperationException("no error recorded"), item.Description).ErrorId);
            }
            // Still running, or abandoned by the stop: where its cancel request stood on the wire says what may have happened.
            if (!item.Started || cancel == null)
            {
                return (UnwrittenKind.NotSent, $"not sent: nothing was done (it was waiting for a throttle slot or {Mention.MaxRequestsPerSecond})");
            }
            if (cancel.Succeeded)
            {
                return (UnwrittenKind.Done, "the service accepted the cancel; the command stopped before its result was written");
            }
            if (unreachableEndpoint != null && cancel.SentTo == unreachableEndpoint && cancel.AnsweredAttempts == 0 && cancel.UnansweredAttempts == 0)
            {
                // Stopped while connecting to the endpoint that refused every connection of this command (a piped object's
                // other endpoint may have taken the request: that one is "sent, answer unknown" below).
                return (UnwrittenKind.NotSent, "not sent: nothing was done (the endpoint could not be reached)");
            }
            if (cancel.MayHaveActed || cancel.Wire == WireState.AwaitingAnswer)
            {
                return (UnwrittenKind.SentAnswerUnknown, "sent, answer unknown: the request was handed to the connection (sent, or being sent) and no answer was read, so it may have taken effect");
            }
            if (cancel.Wire == WireState.Answered && item.Requests.Count > 1)
            {
                return (UnwrittenKind.Done, "refused by the service; reading its state stopped (this command did not cancel it)");
            }
            if (cancel.Throttles > 0)
            {
                return (UnwrittenKind.ThrottledWaiting, $"throttled, waiting to resend ({Plural(cancel.Throttles, "throttled answer")}); not cancelled");
            }
            if (cancel.Wire == WireState.Answered)
            {
                return (UnwrittenKind.ThrottledWaiting, "answered with a server error, waiting to retry; not cancelled");
            }
            return (UnwrittenKind.NotSent, cancel.UnconnectedAttempts > 0
                ? "not sent: nothing was done (the endpoint could not be reached)"
                : "not sent: nothing was done (it was waiting for the module's rate control)");
        }

        private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
    }

    /// <summary>
    /// Which taken outcomes the report of unwritten items must still name, kept by the pipeline thread as it writes:
    /// the one being written (taken from the executor, not yet written), those a halt canceled while a later item's
    /// failure was written out of order, and, once, whatever the executor never handed out.
    /// </summary>
    public sealed class UnwrittenLedger<TOutcome> where TOutcome : class
    {
        private readonly List<TOutcome> canceledByHalt = new List<TOutcome>();
        private TOutcome? writtenOutOfOrder;
        private int reported;

        /// <summary>Taken from the executor and not yet written: if the pipeline stops meanwhile, it belongs in the report.</summary>
        public TOutcome? BeingWritten { get; private set; }

        public void Taking(TOutcome outcome) => BeingWritten = outcome;

        /// <summary>The outcome being written reached the pipeline (or is the terminating error itself).</summary>
        public void Written() => BeingWritten = null;

        /// <summary>
        /// <paramref name="canceled"/> was canceled by <paramref name="cause"/>'s failure (-ErrorAction Stop), which is
        /// written ahead of it: the canceled one belongs in the report, the cause does not.
        /// </summary>
        public void CanceledByHalt(TOutcome canceled, TOutcome cause)
        {
            canceledByHalt.Add(canceled);
            writtenOutOfOrder = cause;
        }

        public bool Reported => Volatile.Read(ref reported) == 1;

        /// <summary>
        /// The outcomes to report, in order, from the first call only (Ctrl+C and an error turned terminating can both
        /// get here; the user is told once); null on later calls. <paramref name="untaken"/> is what the executor still holds.
        /// </summary>
        public IReadOnlyList<TOutcome>? ReportOnce(Func<IEnumerable<TOutcome>> untaken)
        {
            if (Interlocked.Exchange(ref reported, 1) == 1)
            {
                return null;
            }
            var rest = untaken().Where(outcome => !ReferenceEquals(outcome, writtenOutOfOrder));
            var taken = BeingWritten == null ? canceledByHalt : canceledByHalt.Append(BeingWritten);
            return taken.Concat(rest).Distinct().ToList();
        }
    }
}
