using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using CancelJobs.Emulator;
using CancelJobs.Emulator.Control;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>Concurrency, ordering, completeness, progress, throttling, Ctrl+C and -Wait against the emulator.</summary>
    public sealed class BulkTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture emulator;

        public BulkTests(EmulatorFixture emulator) => this.emulator = emulator;

        private static string Things(int count, string prefix = "t") =>
            "{\"iot\":[" + string.Join(",", Enumerable.Range(1, count).Select(i => $"{{\"jobId\":\"fw-9\",\"thingName\":\"{prefix}-{i:000}\",\"status\":\"QUEUED\"}}")) + "]}";

        private static string ThingList(int count, string prefix = "t") => string.Join(",", Enumerable.Range(1, count).Select(i => $"'{prefix}-{i:000}'"));

        [Fact]
        public void EveryInputHasExactlyOneOutcomeInInputOrderUnderJitteredLatency()
        {
            using var session = emulator.NewSession(Things(40));
            emulator.State.Faults = new FaultSettings { LatencyMs = 2, LatencyJitterMs = 40 };
            // Unknown things in between: their errors must come out where they went in.
            var input = string.Join(",", Enumerable.Range(1, 40).Select(i => i % 10 == 0 ? $"'missing-{i}'" : $"'t-{i:000}'"));

            var result = session.Run($"@({input}) | Stop-IoTJobExecution -JobId fw-9 -ThrottleLimit 8 -ErrorVariable failed @aws 2>$null; '---'; $failed | ForEach-Object {{ $_.TargetObject }}");

            var lines = result.Output.Select(o => o.BaseObject is string s ? s : (string)o.Properties["ThingName"].Value).ToList();
            var separator = lines.IndexOf("---");
            Assert.Equal(Enumerable.Range(1, 40).Where(i => i % 10 != 0).Select(i => $"t-{i:000}"), lines.Take(separator));
            Assert.Equal(new[] { "missing-10", "missing-20", "missing-30", "missing-40" }, lines.Skip(separator + 1));
            Assert.Equal(40, emulator.Operations("CancelJobExecution").Length);
        }

        [Fact]
        public void ThrottleLimitBoundsHowManyRequestsAreInFlight()
        {
            using var session = emulator.NewSession(Things(16));
            // Long enough that eight requests are sent before the first answer even on a busy machine.
            emulator.State.Faults = new FaultSettings { LatencyMs = 2000 };

            session.Run($"@({ThingList(8)}) | Stop-IoTJobExecution -JobId fw-9 -ThrottleLimit 8 @aws").AssertClean();
            var concurrent = emulator.State.Requests.ToList();
            emulator.State.ClearRequests();
            emulator.State.Faults = new FaultSettings { LatencyMs = 100 };
            session.Run("'t-011','t-012','t-013','t-014' | Stop-IoTJobExecution -JobId fw-9 -ThrottleLimit 1 @aws").AssertClean();
            var sequential = emulator.State.Requests.OrderBy(r => r.Time).ToList();

            // Eight at once: every one arrived before the first answer left. One at a time: each arrived after the
            // previous one was answered.
            Assert.Equal(8, concurrent.Count);
            Assert.All(concurrent, r => Assert.True(r.Time < concurrent.Min(a => a.Answered), $"{r.Path} arrived after the first answer"));
            Assert.Equal(4, sequential.Count);
            Assert.All(sequential.Zip(sequential.Skip(1)), pair => Assert.True(pair.Second.Time >= pair.First.Answered, $"{pair.Second.Path} arrived before {pair.First.Path} was answered"));
        }

        [Fact]
        public void ProgressIsReportedForManyItemsAndCompletedAtTheEnd()
        {
            using var session = emulator.NewSession(Things(30));
            emulator.State.Faults = new FaultSettings { LatencyMs = 30 };

            session.Run($"@({ThingList(30)}) | Stop-IoTJobExecution -JobId fw-9 -ThrottleLimit 2 @aws").AssertClean();

            var progress = session.Host.TestUI.Progress.ToList();
            Assert.Contains(progress, p => p.RecordType == ProgressRecordType.Processing && p.StatusDescription.Contains(" in flight"));
            Assert.Equal(ProgressRecordType.Completed, progress.Last().RecordType);
            Assert.Contains(progress, p => p.StatusDescription.StartsWith("30 of 30 done, 0 failed"));
        }

        [Fact]
        public void ProgressIsSilentUnderProgressPreferenceSilentlyContinueAndForAHandful()
        {
            using var session = emulator.NewSession(Things(30));

            session.Run($"$ProgressPreference = 'SilentlyContinue'; @({ThingList(30)}) | Stop-IoTJobExecution -JobId fw-9 @aws").AssertClean();
            session.Run($"'t-001','t-002' | Stop-IoTJobExecution -JobId fw-9 -ErrorAction SilentlyContinue @aws");

            Assert.Empty(session.Host.TestUI.Progress);
        }

        [Theory]
        [InlineData("ServerErrorRate", "ServiceUnavailable", ErrorCategory.ResourceUnavailable)]
        // Every connection reset: each cancel may have reached the service, and its state cannot be read either.
        [InlineData("ConnectionResetRate", "OutcomeUnknown", ErrorCategory.ConnectionError)]
        public void ServerFaultsThatOutlastTheRetriesArePerItemErrorsWithTheirOwnIdAndCategory(string fault, string errorId, ErrorCategory category)
        {
            using var session = emulator.NewSession(Things(2));
            emulator.State.Faults = fault == "ServerErrorRate" ? new FaultSettings { ServerErrorRate = 1.0 } : new FaultSettings { ConnectionResetRate = 1.0 };

            var result = session.Run("'t-001','t-002' | Stop-IoTJobExecution -JobId fw-9 @aws");

            Assert.Null(result.Terminating);
            Assert.Equal(new[] { errorId, errorId }, result.ErrorIds);
            Assert.All(result.Errors, e => Assert.Equal(category, e.CategoryInfo.Category));
            Assert.Equal(new object[] { "t-001", "t-002" }, result.Errors.Select(e => e.TargetObject));
        }

        [Fact]
        public void AClientSideRateCapKeepsUnderTheServersCapWithNoFailures()
        {
            using var session = emulator.NewSession(Things(20));
            emulator.State.Faults = new FaultSettings { RequestsPerSecond = 40 };

            var result = session.Run($"@({ThingList(20)}) | Stop-IoTJobExecution -JobId fw-9 -ThrottleLimit 8 -MaxRequestsPerSecond 30 @aws");

            Assert.Empty(result.Errors);
            Assert.Equal(20, result.Output.Count);
            Assert.All(emulator.State.Requests, r => Assert.Equal(200, r.StatusCode));
        }

        [Fact]
        public void StopProcessingCancelsInFlightRequestsPromptlyAndNeverReportsAnUnsentItemAsSent()
        {
            using var session = emulator.NewSession(Things(40));
            emulator.State.Faults = new FaultSettings { LatencyMs = 300 };
            using var shell = session.CreateShell($"@({ThingList(40)}) | Stop-IoTJobExecution -JobId fw-9 -ThrottleLimit 4 @aws");
            var output = new PSDataCollection<PSObject>();
            var running = shell.BeginInvoke<PSObject, PSObject>(null, output);
            WaitUntil(() => emulator.State.Requests.Count >= 4, TimeSpan.FromSeconds(60));
            // From now on the service takes a minute to answer: a Stop that waited for in-flight requests would take that long.
            var answeredBefore = emulator.State.Requests.Count;
            emulator.State.Faults = new FaultSettings { LatencyMs = 60_000 };
            // Until the requests sent before the switch are answered (at most ThrottleLimit more entries), so what is in
            // flight now is slow: the log holds answered requests only.
            try
            {
                WaitUntil(() => emulator.State.Requests.Count >= answeredBefore + 4, TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
                // One request arrived just as the latency changed and is slow itself: what is in flight is slow anyway.
            }

            var clock = Stopwatch.StartNew();
            shell.Stop();
            clock.Stop();

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"Stop took {clock.Elapsed.TotalMilliseconds} ms: it waited for the slow answers");
            // Stopped, not run to its end: a stopped pipeline ends in PipelineStoppedException.
            Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(running));
            Assert.InRange(emulator.State.Requests.Count, 4, 39);
            // Nothing written implies an unsent item was canceled: every reported item really is CANCELED.
            Assert.All(output, o => Assert.Equal("CANCELED", emulator.State.FindIoTExecution("fw-9", (string)o.Properties["ThingName"].Value)!.Status));
            Assert.Equal("QUEUED", emulator.State.FindIoTExecution("fw-9", "t-040")!.Status);
            // Every request the service answered is accounted for: written as output before the stop, or told to the
            // user through the host after it (the pipeline takes no output then). Items never piped in are not mentioned.
            var written = output.Select(o => (string)o.Properties["ThingName"].Value).ToHashSet();
            // The report may come from the command's Dispose, which PowerShell can run just after Stop() returns.
            string Warned() { lock (session.Host.TestUI.Warnings) { return string.Join("\n", session.Host.TestUI.Warnings); } }
            bool Accounted(string warned) => emulator.State.Requests.All(r => written.Contains(r.Path.Split('/')[2]) || warned.Contains("on thing " + r.Path.Split('/')[2] + ":"));
            try
            {
                WaitUntil(() => Accounted(Warned()), TimeSpan.FromSeconds(3));
            }
            catch (TimeoutException)
            {
                // The assertion below names what is missing.
            }
            var warned = Warned();
            Assert.All(emulator.State.Requests, r =>
            {
                var thing = r.Path.Split('/')[2];
                Assert.True(written.Contains(thing) || warned.Contains("on thing " + thing + ":"), $"{thing} was sent but not reported");
            });
            Assert.DoesNotContain("t-040", warned);
            // An item the service never saw is never reported as cancelled.
            var seen = emulator.State.Requests.Select(r => r.Path.Split('/')[2]).ToHashSet();
            Assert.All(System.Text.RegularExpressions.Regex.Matches(warned, @"on thing (t-\d+): ([^\n]+)").Where(m => !seen.Contains(m.Groups[1].Value)),
                m => Assert.DoesNotContain("cancelled (", m.Groups[2].Value));
        }

        [Fact]
        public void SelectFirstTakesOneResultAndTheReportNamesOnlyTheOthersSent()
        {
            using var session = emulator.NewSession(Things(6));

            var result = session.Run($"@({ThingList(6)}) | Stop-IoTJobExecution -JobId fw-9 -ThrottleLimit 4 @aws | Select-Object -First 1").AssertClean();

            var taken = (string)Assert.Single(result.Output).Properties["ThingName"].Value;
            string warned;
            lock (session.Host.TestUI.Warnings)
            {
                warned = string.Join("\n", session.Host.TestUI.Warnings);
            }
            // Select-Object got that result: it was written, so it is not in the report of requests sent but not written.
            Assert.DoesNotContain("on thing " + taken + ":", warned);
            Assert.All(emulator.State.Requests.Select(r => r.Path.Split('/')[2]).Where(thing => thing != taken),
                thing => Assert.Contains("on thing " + thing + ":", warned));
        }

        [Fact]
        public void WaitTimesOutPerItemNamingTheLastStateSeen()
        {
            using var session = emulator.NewSession("""{"twinMaker":[{"id":"slow-1","workspaceId":"w","state":"RUNNING"}]}""");
            var settings = emulator.State.Settings;
            emulator.State.Settings = settings with { TwinMakerCancelDelayMs = 60_000 };
            try
            {
                var result = session.Run("Stop-TwinMakerTransferJob slow-1 -Wait -Timeout 1 @aws");

                Assert.Equal("WaitTimeout", Assert.Single(result.ErrorIds));
                Assert.Equal(ErrorCategory.OperationTimeout, result.Errors[0].CategoryInfo.Category);
                Assert.Contains("CANCELLING", result.Errors[0].Exception.Message);
            }
            finally
            {
                emulator.State.Settings = settings;
            }
        }

        private static void WaitUntil(Func<bool> condition, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (!condition())
            {
                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException("Condition not met in time.");
                }
                System.Threading.Thread.Sleep(20);
            }
        }
    }
}
