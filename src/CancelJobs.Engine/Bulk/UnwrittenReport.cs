using System;
using System.Collections.Generic;
using System.Linq;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Errors;

namespace CancelJobs.Engine.Bulk
{
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
}
