using System;
using System.Linq;
using System.Management.Automation;
using CancelJobs.Emulator.Control;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>
    /// Quotas, lost answers, re-runs and -ErrorAction Stop, through the real engine against the emulator. Its own
    /// class (own emulator, own endpoint), so the rate the module learns here is not shared with other tests.
    /// </summary>
    public sealed class QuotaTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture emulator;

        public QuotaTests(EmulatorFixture emulator) => this.emulator = emulator;

        private static string Things(int count, string status = "QUEUED") =>
            "{\"iot\":[" + string.Join(",", Enumerable.Range(1, count).Select(i => $"{{\"jobId\":\"fw-9\",\"thingName\":\"t-{i:000}\",\"status\":\"{status}\"}}")) + "]}";

        private static string ThingList(int count) => string.Join(",", Enumerable.Range(1, count).Select(i => $"'t-{i:000}'"));

        [Theory]
        [InlineData("")]
        [InlineData("-RetryMode Adaptive")] // kept for old scripts: the same default behaviour
        public void NoItemFailsUnderAQuotaAtThrottleLimit16WithDefaultSettings(string retryMode)
        {
            using var session = emulator.NewSession(Things(60));
            emulator.State.Faults = new FaultSettings { RequestsPerSecond = 20, LatencyMs = 5 };

            var result = session.Run($"@({ThingList(60)}) | Stop-IoTJobExecution -JobId fw-9 -ThrottleLimit 16 {retryMode} -Verbose @aws 4>&1");

            result.AssertClean();
            var attempts = result.Output.Where(o => o.BaseObject is VerboseRecord).Select(o => ((VerboseRecord)o.BaseObject).Message)
                .Select(m => System.Text.RegularExpressions.Regex.Match(m, @"CancelJobExecution .*: (\d+) attempts?[ .]")).Where(m => m.Success)
                .Select(m => int.Parse(m.Groups[1].Value)).ToList();
            Assert.Equal(60, attempts.Count);
            result = new RunResult(new System.Collections.ObjectModel.Collection<PSObject>(result.Output.Where(o => o.BaseObject is not VerboseRecord).ToList()), result.Errors, null, result.Warnings);
            Assert.Equal(60, result.Output.Count);
            Assert.All(Enumerable.Range(1, 60), i => Assert.Equal("CANCELED", emulator.State.FindIoTExecution("fw-9", $"t-{i:000}")!.Status));
            // The quota really bound: the service throttled, and every throttled item was sent again until accepted.
            var log = emulator.State.Requests;
            // Each case starts from no learned rate (the session resets the process-wide registry), so both meet the quota.
            Assert.Contains(log, r => r.ErrorCode == "ThrottlingException");
            Assert.Equal(60, log.Count(r => r.StatusCode == 200));
            // Throttles are not counted against the three attempts that server errors get.
            Assert.Equal(log.Count, attempts.Sum());
        }

        // The next two leave their operation's learned rate very low; each uses an operation no other test here uses.
        [Fact]
        public void AnItemEndsAsThrottledOnlyWhenItsThrottleTimeoutRunsOutAndTheMessageSaysWhatTheServiceAllowed()
        {
            using var session = emulator.NewSession("{\"dataZone\":[" + string.Join(",", Enumerable.Range(1, 3).Select(i =>
                $"{{\"domainId\":\"dzd_q1\",\"id\":\"run-{i}\",\"status\":\"IN_PROGRESS\",\"owningProjectId\":\"p1\"}}")) + "]}");
            emulator.State.Faults = new FaultSettings { RequestsPerSecond = 0.2, Burst = 1 };

            var result = session.Run("'run-1','run-2','run-3' | Stop-DataZoneMetadataGenerationRun -DomainIdentifier dzd_q1 -ThrottleLimit 3 -ThrottleTimeout 1 @aws");

            Assert.Single(result.Output);
            Assert.Equal(new[] { "Throttled", "Throttled" }, result.ErrorIds);
            Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.LimitsExceeded, e.CategoryInfo.Category));
            Assert.All(result.Errors, e => Assert.Matches(@"throttling it for \d+(\.\d)? s \(\d+ throttled attempts\), while it allowed about [\d.]+ requests/s\. .*-ThrottleTimeout", e.Exception.Message));
        }

        [Fact]
        public void AServiceThatThrottlesEverythingFailsItemsAsThrottledOnlyAfterTheirThrottleTimeout()
        {
            using var session = emulator.NewSession("""{"dms":[{"migrationProject":"proj-q","requestIdentifier":"req-1","status":"IN_PROGRESS"}]}""");
            emulator.State.Faults = new FaultSettings { ThrottleRate = 1.0 };

            var result = session.Run("Stop-DmsMetadataModelConversion -MigrationProjectIdentifier proj-q -RequestIdentifier req-1 -ThrottleTimeout 1 @aws");

            Assert.Equal("Throttled", Assert.Single(result.ErrorIds));
            Assert.Equal(ErrorCategory.LimitsExceeded, result.Errors[0].CategoryInfo.Category);
            Assert.Contains("-ThrottleTimeout", result.Errors[0].Exception.Message);
            Assert.True(emulator.State.Requests.Count >= 2);
        }

        [Fact]
        public void ALostAnswerIsRetriedAndTheStateConflictThatFollowsIsReadAsSuccess()
        {
            using var session = emulator.NewSession(Things(3));
            emulator.State.Faults = new FaultSettings { ResponseLossRate = 1, FaultOperations = new[] { "CancelJobExecution" } };

            var result = session.Run($"@({ThingList(3)}) | Stop-IoTJobExecution -JobId fw-9 -Verbose @aws 4>&1");

            result.AssertClean();
            var results = result.Output.Where(o => o.BaseObject is not VerboseRecord).ToList();
            Assert.Equal(new[] { "t-001", "t-002", "t-003" }, results.Select(o => (string)o.Properties["ThingName"].Value));
            Assert.True(results.All(o => !(bool)o.Properties["AlreadyCancelled"].Value && (string)o.Properties["Status"].Value == "CANCELED"), string.Join("\n", result.Output) + string.Join("\n", emulator.State.Requests.Select(r => r.Operation + " " + r.StatusCode + " " + r.ErrorCode)));
            Assert.Contains(result.Output, o => o.BaseObject is VerboseRecord v && v.Message.Contains("was lost; the job is CANCELED"));
            var log = emulator.State.Requests;
            // Each item: the lost attempt, the retry answered with the conflict, and one read of the state.
            Assert.Equal(3, log.Count(r => r.ErrorCode == "ResponseLost"));
            Assert.Equal(3, log.Count(r => r.ErrorCode == "InvalidStateTransitionException"));
            Assert.Equal(3, log.Count(r => r.Operation == "DescribeJobExecution"));
        }

        [Fact]
        public void ReRunningOverAlreadyCancelledJobsWritesResultsNotErrors()
        {
            // tm-1 must still be CANCELLING when it is cancelled again, however slowly the session starts.
            var settings = emulator.State.Settings;
            emulator.State.Settings = settings with { TwinMakerCancelDelayMs = 60_000 };
            try
            {
                ReRunOverAlreadyCancelledJobs();
            }
            finally
            {
                emulator.State.Settings = settings;
            }
        }

        private void ReRunOverAlreadyCancelledJobs()
        {
            using var session = emulator.NewSession("""
                {"iot":[{"jobId":"fw-9","thingName":"done-1","status":"CANCELED"},{"jobId":"fw-9","thingName":"ok-1","status":"SUCCEEDED"},
                        {"jobId":"fw-9","thingName":"busy-1","status":"IN_PROGRESS"},{"jobId":"fw-9","thingName":"new-1","status":"QUEUED"}],
                 "twinMaker":[{"id":"tm-1","workspaceId":"w","state":"CANCELLING"}]}
                """);

            var result = session.Run("'done-1','ok-1','busy-1','new-1' | Stop-IoTJobExecution -JobId fw-9 -Verbose @aws 4>&1; Stop-TwinMakerTransferJob tm-1 @aws");

            var results = result.Output.Where(o => o.BaseObject is not VerboseRecord).ToList();
            Assert.Equal(new[] { "done-1:True:CANCELED", "new-1:False:CANCELED", "tm-1:True:CANCELLING" }, results.Select(o =>
                $"{o.Properties["ThingName"]?.Value ?? o.Properties["MetadataTransferJobId"].Value}:{o.Properties["AlreadyCancelled"].Value}:{o.Properties["Status"].Value}"));
            Assert.Contains(result.Output, o => o.BaseObject is VerboseRecord v && v.Message.Contains("done-1 was already CANCELED"));
            Assert.Equal(new[] { "InvalidJobState", "InvalidJobState" }, result.ErrorIds);
            Assert.DoesNotContain("-CancelInProgress", result.Errors[0].Exception.Message + result.Errors[0].ErrorDetails?.Message);
            Assert.Contains("SUCCEEDED", result.Errors[0].Exception.Message + result.Errors[0].ErrorDetails?.Message);
            Assert.Contains("-CancelInProgress", result.Errors[1].ErrorDetails?.Message ?? result.Errors[1].Exception.Message);

            // The table view says which jobs this run changed and which were already cancelled.
            var table = session.RunFormatted("'done-1','busy-1' | Stop-IoTJobExecution -JobId fw-9 -CancelInProgress -Force @aws");
            Assert.Matches(@"done-1\s+CANCELED \(already\)", table);
            Assert.Matches(@"busy-1\s+CANCELED\s+True", table);
        }

        [Theory]
        [InlineData("-ErrorAction Stop")]
        [InlineData("$ErrorActionPreference = 'Stop';")]
        public void UnderErrorActionStopNothingIsSentAfterTheFirstFailure(string stop)
        {
            using var session = emulator.NewSession(Things(10));
            emulator.State.Faults = new FaultSettings { LatencyMs = 30 };
            var input = string.Join(",", Enumerable.Range(1, 10).Select(i => i == 3 ? "'missing-3'" : $"'t-{i:000}'"));
            var script = stop.StartsWith("-", StringComparison.Ordinal)
                ? $"@({input}) | Stop-IoTJobExecution -JobId fw-9 {stop} @aws"
                : $"{stop} @({input}) | Stop-IoTJobExecution -JobId fw-9 @aws";

            var (caught, _) = session.RunCatchingTerminating(script);

            Assert.NotNull(caught);
            Assert.Equal("JobNotFound", RunResult.ErrorIdOf(caught!));
            var sent = emulator.State.Requests.Select(r => r.Path.Split('/')[2]).ToList();
            Assert.Equal(new[] { "t-001", "t-002", "missing-3" }, sent);
        }

        [Fact]
        public void UnderErrorActionStopWithAnExplicitThrottleLimitTheRequestsInFlightAreReportedNotLost()
        {
            using var session = emulator.NewSession(Things(12));
            emulator.State.Faults = new FaultSettings { LatencyMs = 500 };
            var before = session.Host.TestUI.Warnings.Count;

            var (caught, _) = session.RunCatchingTerminating("'missing-1'," + ThingList(11) + " | Stop-IoTJobExecution -JobId fw-9 -ThrottleLimit 4 -ErrorAction Stop @aws");

            Assert.Equal("JobNotFound", RunResult.ErrorIdOf(caught!));
            // The requests in flight when the failure came are named (answered or abandoned), none after them.
            var warned = string.Join("\n", session.Host.TestUI.Warnings.Skip(before));
            Assert.Contains("whose outcome was not written", warned);
            Assert.Contains(Enumerable.Range(1, 3), i => warned.Contains($"on thing t-{i:000}:"));
            Assert.DoesNotContain("NullReference", warned);
            // Nothing left after the failure's answer came back (500 ms after it was sent; generous slack).
            var log = emulator.State.Requests;
            var failedAt = log.Single(r => r.Path.Contains("missing-1")).Time;
            Assert.All(log, r => Assert.True(r.Time < failedAt + TimeSpan.FromMilliseconds(800), $"{r.Path} sent {(r.Time - failedAt).TotalMilliseconds} ms after the failing one"));
            Assert.All(log.Where(r => !r.Path.Contains("missing-1")), r => Assert.Contains("on thing " + r.Path.Split('/')[2] + ":", warned));
        }

        [Fact]
        public void TheReportOfItemsInFlightMasksKnownSecrets()
        {
            // A value this command knows as a secret (its session token), also used as a thing name: the report written
            // through the host masks it like every other text the module writes.
            const string secretName = "t-review-secret-7Qx2";
            using var session = emulator.NewSession("{\"iot\":[{\"jobId\":\"fw-9\",\"thingName\":\"" + secretName + "\",\"status\":\"QUEUED\"}]}");
            emulator.State.Faults = new FaultSettings { LatencyMs = 500 };
            var before = session.Host.TestUI.Warnings.Count;

            var (caught, _) = session.RunCatchingTerminating($"'missing-1','{secretName}' | Stop-IoTJobExecution -JobId fw-9 -ThrottleLimit 4 -ErrorAction Stop -SessionToken '{secretName}' @aws");

            Assert.Equal("JobNotFound", RunResult.ErrorIdOf(caught!));
            var warned = string.Join("\n", session.Host.TestUI.Warnings.Skip(before));
            Assert.Contains("whose outcome was not written", warned);
            Assert.Contains("on thing ***:", warned);
            // The secret item was sent (in flight or answered when the first failed). Not read from the emulator's log:
            // a request the halt aborts before the emulator answers it is never logged, so that check was a race.
            Assert.DoesNotContain("on thing ***: not sent", warned);
            Assert.DoesNotContain(secretName, warned);
        }

        [Fact]
        public void RejectedCredentialsWithRequestsInFlightReportThemAndDoNotCrash()
        {
            using var session = emulator.NewSession(Things(8));
            emulator.State.Faults = new FaultSettings { LatencyMs = 300, LatencyJitterMs = 200 };
            var before = session.Host.TestUI.Warnings.Count;

            var (caught, result) = session.RunCatchingTerminating(
                $"@({ThingList(8)}) | Stop-IoTJobExecution -JobId fw-9 -ThrottleLimit 4 -EndpointUrl $aws.EndpointUrl -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey wrong");

            Assert.Equal("AuthenticationFailed", RunResult.ErrorIdOf(caught!));
            Assert.Empty(result.Errors);
            // The other requests that had left are named (as failed or abandoned), never as canceled, and nothing crashed.
            var warned = string.Join("\n", session.Host.TestUI.Warnings.Skip(before));
            Assert.Contains("whose outcome was not written", warned);
            Assert.DoesNotContain("cancelled (", warned);
            Assert.DoesNotContain("NullReference", warned);
            Assert.All(Enumerable.Range(1, 8), i => Assert.Equal("QUEUED", emulator.State.FindIoTExecution("fw-9", $"t-{i:000}")!.Status));
        }
    }
}
