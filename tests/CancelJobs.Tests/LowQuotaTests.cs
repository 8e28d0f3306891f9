using System;
using System.Collections.Generic;
using System.Linq;
using CancelJobs.Emulator;
using CancelJobs.Emulator.Control;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>
    /// Quotas of a few requests per second with a burst of 1, throttles that are not a quota, and what
    /// -ThrottleTimeout counts, through the real engine against the emulator. Asserts what the request log shows
    /// (outcomes, counts, order), never how fast. Its own class (own emulator, own endpoint), so what the module
    /// learns here is not shared with other tests.
    /// </summary>
    public sealed class LowQuotaTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture emulator;

        public LowQuotaTests(EmulatorFixture emulator) => this.emulator = emulator;

        private static string Things(string job, int count) =>
            "{\"iot\":[" + string.Join(",", Enumerable.Range(1, count).Select(i => $"{{\"jobId\":\"{job}\",\"thingName\":\"t-{i:000}\",\"status\":\"QUEUED\"}}")) + "]}";

        private static string ThingList(int from, int count) => string.Join(",", Enumerable.Range(from, count).Select(i => $"'t-{i:000}'"));

        private static string ThingOf(RequestLogEntry entry) => entry.Path.Split('/')[2];

        [Fact]
        public void AtTwoRequestsASecondWithABurstOfOneEveryItemGoesThroughAndThrottledItemsGoFirst()
        {
            using var session = emulator.NewSession(Things("fw-low", 16));
            emulator.State.Faults = new FaultSettings { RequestsPerSecond = 2, Burst = 1, LatencyMs = 5 };

            var result = session.Run($"@({ThingList(1, 16)}) | Stop-IoTJobExecution -JobId fw-low -Force @aws");

            result.AssertClean();
            Assert.Equal(16, result.Output.Count);
            Assert.All(Enumerable.Range(1, 16), i => Assert.Equal("CANCELED", emulator.State.FindIoTExecution("fw-low", $"t-{i:000}")!.Status));
            var log = emulator.State.Requests.Where(r => r.Operation == "CancelJobExecution").OrderBy(r => r.Sequence).ToList();
            Assert.Contains(log, r => r.ErrorCode == "ThrottlingException");
            // Oldest first: a throttled item gets through before any item first sent after it was refused (a resend
            // in flight can be overtaken only when it is refused again, so allow one such pair).
            var acceptedAt = log.Where(r => r.StatusCode == 200).ToDictionary(ThingOf, r => r.Sequence);
            var firstSentAt = log.GroupBy(ThingOf).ToDictionary(g => g.Key, g => g.Min(r => r.Time));
            var overtaken = log.Where(r => r.ErrorCode == "ThrottlingException").GroupBy(ThingOf).SelectMany(throttled =>
                firstSentAt.Where(later => later.Value > throttled.Min(r => r.Answered) && acceptedAt[later.Key] < acceptedAt[throttled.Key])
                    .Select(later => $"{throttled.Key} after {later.Key}")).ToList();
            Assert.True(overtaken.Count <= 1, "overtaken: " + string.Join(", ", overtaken));
            // Progress (no -Verbose) said the service was throttling, the rate it allowed and the time left at that rate.
            var throttling = session.Host.TestUI.Progress.Where(p => p.CurrentOperation?.StartsWith("The service is throttling", StringComparison.Ordinal) == true).ToList();
            Assert.NotEmpty(throttling);
            Assert.Contains(throttling, p => System.Text.RegularExpressions.Regex.IsMatch(p.CurrentOperation,
                @"^The service is throttling CancelJobExecution: waiting for the quota, about [12](\.\d+)? requests/s; about \d+ s left for \d+ items?\.$") && p.SecondsRemaining > 0);
        }

        [Fact]
        public void ThrottlesThatComeWhateverTheRateDoNotSlowTheRequestsDown()
        {
            using var session = emulator.NewSession(Things("fw-noise", 160));
            // No quota: a fifth of the cancels refused at random. Each request is held 40 ms, so requests sent at the
            // full -ThrottleLimit 4 overlap; a rate cut to a few per second would send them one after another.
            emulator.State.Faults = new FaultSettings { ThrottleRate = 0.2, LatencyMs = 40, FaultOperations = new[] { "CancelJobExecution" } };

            var result = session.Run($"@({ThingList(1, 160)}) | Stop-IoTJobExecution -JobId fw-noise -Force @aws");

            result.AssertClean();
            Assert.Equal(160, result.Output.Count);
            var log = emulator.State.Requests.Where(r => r.Operation == "CancelJobExecution").OrderBy(r => r.Time).ToList();
            Assert.True(log.Count(r => r.ErrorCode == "ThrottlingException") >= 10);
            Assert.Equal(160, log.Count(r => r.StatusCode == 200));
            // In the second half of the run (after every throttle had its chance to cut the rate) most requests still
            // overlap another one in flight.
            var late = log.Skip(log.Count / 2).ToList();
            var overlapping = late.Count(r => late.Any(o => !ReferenceEquals(o, r) && o.Time < r.Answered && r.Time < o.Answered));
            Assert.True(overlapping >= 0.6 * late.Count, $"{overlapping} of {late.Count} requests overlapped another in the second half");
        }

        [Fact]
        public void ThrottleTimeoutCountsFromAnItemsFirstThrottledAnswerNotFromTimeQueuedInTheModule()
        {
            using var session = emulator.NewSession(Things("fw-timeout", 20));
            emulator.State.Faults = new FaultSettings { RequestsPerSecond = 2, Burst = 1, LatencyMs = 5 };
            // The module learns about 2/s for this operation (shared by every command in the process) ...
            session.Run($"@({ThingList(1, 6)}) | Stop-IoTJobExecution -JobId fw-timeout -Force @aws").AssertClean();
            // ... the second command starts at that quota, so all 14 items wait their turn in the module, several
            // seconds for the last ones; 4 s in, the quota halves and the sends at the learned 2/s are refused.
            // Those refused items were queued more than -ThrottleTimeout (3 s) before their first throttled answer.
            emulator.State.ClearRequests();
            var startedAt = DateTimeOffset.UtcNow;
            using var quotaDrop = new System.Threading.Timer(_ => emulator.State.Faults = new FaultSettings { RequestsPerSecond = 1, Burst = 1, LatencyMs = 5 },
                null, TimeSpan.FromSeconds(4), System.Threading.Timeout.InfiniteTimeSpan);

            var result = session.Run($"@({ThingList(7, 14)}) | Stop-IoTJobExecution -JobId fw-timeout -Force -ThrottleLimit 14 -ThrottleTimeout 3 @aws");

            result.AssertClean();
            Assert.All(Enumerable.Range(7, 14), i => Assert.Equal("CANCELED", emulator.State.FindIoTExecution("fw-timeout", $"t-{i:000}")!.Status));
            // Not vacuous: some item was first sent more than -ThrottleTimeout after the command started, and refused.
            var log = emulator.State.Requests.Where(r => r.Operation == "CancelJobExecution").ToList();
            var queuedThenThrottled = log.GroupBy(ThingOf).Where(g => g.Min(r => r.Time) > startedAt + TimeSpan.FromSeconds(3)
                && g.Any(r => r.ErrorCode == "ThrottlingException")).Select(g => g.Key).ToList();
            Assert.NotEmpty(queuedThenThrottled);
        }

        [Fact]
        public void TheThrottledMessageCountsTheItemsOwnThrottledAnswers()
        {
            using var session = emulator.NewSession("{\"dms\":[" + string.Join(",", Enumerable.Range(1, 3).Select(i =>
                $"{{\"migrationProject\":\"proj-own\",\"requestIdentifier\":\"req-{i}\",\"status\":\"IN_PROGRESS\"}}")) + "]}");
            emulator.State.Faults = new FaultSettings { ThrottleRate = 1.0, FaultOperations = new[] { "CancelMetadataModelConversion" } };

            var result = session.Run("'req-1','req-2','req-3' | Stop-DmsMetadataModelConversion -MigrationProjectIdentifier proj-own -ThrottleLimit 3 -ThrottleTimeout 1 @aws");

            Assert.Equal(new[] { "Throttled", "Throttled", "Throttled" }, result.ErrorIds);
            var sentPerItem = emulator.State.Requests.Where(r => r.ErrorCode == "ThrottlingException")
                .GroupBy(r => r.Body.Contains("req-1") ? "req-1" : r.Body.Contains("req-2") ? "req-2" : "req-3").ToDictionary(g => g.Key, g => g.Count());
            foreach (var error in result.Errors)
            {
                var item = new[] { "req-1", "req-2", "req-3" }.Single(id => error.Exception.Message.Contains(id));
                var match = System.Text.RegularExpressions.Regex.Match(error.Exception.Message, @"for (\d+(\.\d)?) s \((\d+) throttled attempts\)");
                Assert.True(match.Success, error.Exception.Message);
                Assert.Equal(sentPerItem[item], int.Parse(match.Groups[3].Value));
                // From its own first throttled answer: -ThrottleTimeout and at most a resend's wait more.
                Assert.InRange(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 30);
            }
        }
    }
}
