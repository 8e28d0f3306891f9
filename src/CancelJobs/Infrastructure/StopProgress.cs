using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Bulk;
using CancelJobs.Engine.Errors;

namespace CancelJobs.Infrastructure
{
    /// <summary>
    /// A Stop-* run's progress bar and -Wait's poll notes. Workers note polls; everything is written from the pipeline
    /// thread, through the delegates the cmdlet hands in.
    /// </summary>
    internal sealed class StopProgress
    {
        /// <summary>Above this many items a progress bar is shown.</summary>
        private const int Threshold = 5;

        /// <summary>Progress says the service is throttling while its last throttle is at most this recent.</summary>
        private const double ThrottlingShownSeconds = 30;

        /// <summary>The shortest time between two progress records; also how long the pipeline thread waits for an outcome at a time.</summary>
        public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly string activity;
        private readonly int activityId;
        private readonly bool waiting;
        private readonly Action<ProgressRecord> writeProgress;
        private readonly Action<string> writeVerbose;
        private readonly ConcurrentQueue<string> pollNotes = new ConcurrentQueue<string>();
        private volatile string? latestPoll;
        private TimeSpan? lastProgress;
        private bool shown;

        public StopProgress(string activity, int activityId, bool waiting, Action<ProgressRecord> writeProgress, Action<string> writeVerbose)
        {
            this.activity = activity;
            this.activityId = activityId;
            this.waiting = waiting;
            this.writeProgress = writeProgress;
            this.writeVerbose = writeVerbose;
        }

        /// <summary>The command's client in each region it sends to (pipeline thread only).</summary>
        private readonly System.Collections.Generic.Dictionary<string, AwsServiceClient> clients =
            new System.Collections.Generic.Dictionary<string, AwsServiceClient>(StringComparer.Ordinal);

        /// <summary>An item is sent through <paramref name="client"/>: its region's throttling can show in progress.</summary>
        public void Sending(AwsServiceClient client) => clients[client.Region] = client;

        /// <summary>Worker side of -Wait: what a poll saw, for progress and a verbose line per poll.</summary>
        public void NotePoll(string note)
        {
            latestPoll = note;
            pollNotes.Enqueue(note);
        }

        /// <summary>The line for an item's <paramref name="polls"/>-th status read (the first is the cancel's own answer).</summary>
        public static string PollNote(string description, int polls, string? status, bool terminal) =>
            polls > 1 ? $"Waiting for {description}: {status ?? "state unknown"} (poll {polls - 1})."
            : status != null && terminal ? $"{FailureClassifier.Capitalize(description)} is {status} after the cancel; nothing to wait for."
            : $"Waiting for {description} to reach a terminal state: {status ?? "state unknown"} after the cancel.";

        /// <summary>Pipeline side: verbose output may only be written from the pipeline thread.</summary>
        public void WritePollNotes()
        {
            while (pollNotes.TryDequeue(out var note))
            {
                writeVerbose(note);
            }
        }

        public void Report<TItem, TResult>(OrderedBulkExecutor<TItem, TResult> running, bool force)
        {
            WritePollNotes();
            // With -Wait, progress shows from the first item: waiting is otherwise silent for up to -Timeout.
            if ((running.Submitted <= Threshold && !waiting) || (!force && lastProgress.HasValue && clock.Elapsed - lastProgress.Value < Interval))
            {
                return;
            }
            lastProgress = clock.Elapsed;
            var done = running.Completed;
            var rate = done / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            var record = new ProgressRecord(activityId, activity,
                $"{done} of {running.Submitted} done, {running.Failed} failed, {running.Running} in flight, {rate:0.#}/s")
            {
                CurrentOperation = latestPoll ?? $"Throttle limit {running.ThrottleLimit}",
            };
            // While the service throttles, say so (without -Verbose), the rate it allows and the time left at that rate. Of
            // several regions, the one allowing the least: it sets the pace, since output keeps input order.
            var slowest = (Operation: "", Allowed: double.MaxValue, Region: "");
            foreach (var client in clients.Values)
            {
                if (client.LastThrottled is { } quota && quota.Rate.HasValue && quota.SecondsSinceThrottle < ThrottlingShownSeconds
                    && quota.AcceptedAtLastCut is { } allowed && allowed > 0 && allowed < slowest.Allowed)
                {
                    slowest = (quota.Operation, allowed, client.Region);
                }
            }
            if (slowest.Allowed < double.MaxValue)
            {
                var left = running.Submitted - done;
                record.CurrentOperation = ThrottlingNote(clients.Count > 1 ? $"{slowest.Operation} in {slowest.Region}" : slowest.Operation, slowest.Allowed, left);
                record.SecondsRemaining = (int)Math.Min(int.MaxValue, Math.Ceiling(left / slowest.Allowed));
            }
            writeProgress(record);
            shown = true;
        }

        /// <summary>The last progress record, then the bar's end; nothing when no bar was shown.</summary>
        public void Complete<TItem, TResult>(OrderedBulkExecutor<TItem, TResult> running)
        {
            if (!shown)
            {
                return;
            }
            Report(running, force: true);
            writeProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        /// <summary>What progress says while the service throttles <paramref name="operation"/> and allows about <paramref name="allowed"/> requests/s.</summary>
        public static string ThrottlingNote(string operation, double allowed, long left) =>
            $"The service is throttling {operation}: waiting for the quota, about {FormatRate(allowed)} requests/s"
            + (left > 0 ? $"; about {FormatDuration(left / allowed)} left for {left} item{(left == 1 ? "" : "s")}" : "") + ".";

        public static string FormatRate(double perSecond) =>
            perSecond.ToString(perSecond >= 10 ? "0" : perSecond >= 1 ? "0.#" : "0.##", CultureInfo.CurrentCulture);

        public static string FormatDuration(double seconds) =>
            seconds < 90 ? $"{Math.Ceiling(seconds):0} s" : seconds < 5400 ? $"{Math.Ceiling(seconds / 60):0} min" : $"{seconds / 3600:0.#} h";
    }
}
