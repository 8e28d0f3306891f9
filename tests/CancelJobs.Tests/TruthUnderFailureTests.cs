using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using CancelJobs.Emulator;
using CancelJobs.Emulator.Control;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>
    /// Every outcome true under failure: no cancel without a trace whatever ends the run, no success from an answer that
    /// is not AWS's, no guessed state when the outcome cannot be known, one error for an endpoint nobody answers. Its own
    /// class (own emulator, own endpoint), so the rates the module learns here are not shared with other tests.
    /// </summary>
    public sealed class TruthUnderFailureTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture emulator;

        public TruthUnderFailureTests(EmulatorFixture emulator) => this.emulator = emulator;

        private static string Things(int count) =>
            Seeds.Document("iot", Enumerable.Range(1, count).Select(i => $"{{\"jobId\":\"fw-9\",\"thingName\":\"t-{i:000}\",\"status\":\"QUEUED\"}}"));

        private string Warned(int from)
        {
            lock (session!.Host.TestUI.Warnings)
            {
                return string.Join("\n", session.Host.TestUI.Warnings.Skip(from));
            }
        }

        private PowerShellSession? session;

        /// <summary>The report's line for each thing: "IoT job execution fw-9 on thing t-001: sent, answer unknown: …".</summary>
        private static Dictionary<string, string> ReportLines(string warned) =>
            Regex.Matches(warned, @"on thing (?<thing>[^:\s]+): (?<state>[^\n]+)").ToDictionary(m => m.Groups["thing"].Value, m => m.Groups["state"].Value);

        [Fact]
        public void APreSendRejectionUnderErrorActionStopLeavesNoSentCancelUnaccounted()
        {
            using var opened = session = emulator.NewSession(Things(80));
            emulator.State.Faults = new FaultSettings { LatencyMs = 300 };
            var before = session.Host.TestUI.Warnings.Count;

            var (caught, result) = session.RunCatchingTerminating(
                "$in = @(1..80 | ForEach-Object { 't-{0:000}' -f $_ }); $in[40] = 'bad/id'; "
                + "$in | ForEach-Object { Start-Sleep -Milliseconds 15; $_ } | Stop-IoTJobExecution -JobId fw-9 -ThrottleLimit 16 -ErrorAction Stop @aws");
            // Requests the service was still working on when the client let go.
            System.Threading.Thread.Sleep(1000);

            Assert.Equal("InvalidIdentifier", RunResult.ErrorIdOf(caught!));
            var written = result.Output.Where(o => o.Properties["ThingName"] != null).Select(o => (string)o.Properties["ThingName"].Value).ToList();
            // Results come in input order, all of them before the rejected item.
            Assert.Equal(written.OrderBy(t => t, StringComparer.Ordinal), written);
            Assert.All(written, thing => Assert.True(string.CompareOrdinal(thing, "t-041") < 0, thing));
            var report = ReportLines(Warned(before));
            var logged = emulator.State.Requests.Select(r => r.Path.Split('/')[2]).Distinct().ToList();
            Assert.NotEmpty(logged);
            // Every item before the rejected one was approved and queued: each has a result or a line saying what became of it.
            Assert.All(Enumerable.Range(1, 40).Select(i => $"t-{i:000}"), thing =>
                Assert.True(written.Contains(thing) || report.ContainsKey(thing), $"{thing} has no outcome. Report: {Warned(before)}"));
            // Every request the service saw, and every execution it cancelled, is a result or a line of the report.
            Assert.All(logged, thing => Assert.True(written.Contains(thing) || report.ContainsKey(thing), $"{thing} was sent but not reported. Report: {Warned(before)}"));
            Assert.All(Enumerable.Range(1, 80).Select(i => $"t-{i:000}").Where(thing => emulator.State.FindIoTExecution("fw-9", thing)!.Status == "CANCELED"),
                thing => Assert.True(written.Contains(thing) || report.ContainsKey(thing), $"{thing} was cancelled but not reported"));
            // "Not sent" is true: the service never saw those.
            Assert.All(report.Where(line => line.Value.StartsWith("not sent", StringComparison.Ordinal)), line => Assert.DoesNotContain(line.Key, logged));
            Assert.DoesNotContain(written, report.ContainsKey);
        }

        [Fact]
        public void PreSendErrorsComeOutInInputOrderAfterTheItemsBeforeThem()
        {
            using var opened = session = emulator.NewSession(Things(3));
            emulator.State.Faults = new FaultSettings { LatencyMs = 300 };

            var result = session.Run("'t-001','bad/id','t-002','t-003' | Stop-IoTJobExecution -JobId fw-9 -ThrottleLimit 4 @aws 2>&1 | "
                + "ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { 'E:' + $_.TargetObject } else { 'O:' + $_.ThingName } }");

            Assert.Equal(new[] { "O:t-001", "E:bad/id", "O:t-002", "O:t-003" }, result.Output.Select(o => o.ToString()));
        }

        [Fact]
        public void ATerminatingErrorUpstreamStillReportsTheCancelsInFlight()
        {
            using var opened = session = emulator.NewSession(Things(3));
            emulator.State.Faults = new FaultSettings { LatencyMs = 1500 };
            var before = session.Host.TestUI.Warnings.Count;

            var (caught, _) = session.RunCatchingTerminating(
                "& { 't-001','t-002','t-003'; Start-Sleep -Milliseconds 500; throw 'upstream failed' } | Stop-IoTJobExecution -JobId fw-9 -ThrottleLimit 4 @aws");

            Assert.Contains("upstream failed", caught!.Exception.Message);
            var report = ReportLines(Warned(before));
            Assert.All(new[] { "t-001", "t-002", "t-003" }, thing =>
                Assert.True(report.TryGetValue(thing, out var state) && state.StartsWith("sent, answer unknown", StringComparison.Ordinal), $"{thing}: {Warned(before)}"));
        }

        [Fact]
        public void AfterCtrlCTheReportSaysNotSentForItemsThatNeverReachedTheService()
        {
            // DataZone's cancel: no other test here uses it, so the low rate learned here stays here.
            using var opened = session = emulator.NewSession(Seeds.Document("dataZone",
                Enumerable.Range(1, 12).Select(i => $"{{\"domainId\":\"dzd_q1\",\"id\":\"run-{i:000}\",\"status\":\"SUBMITTED\"}}")));
            emulator.State.Faults = new FaultSettings
            {
                LatencyMs = 20,
                Quotas = new Dictionary<string, OperationQuota> { ["CancelMetadataGenerationRun"] = new OperationQuota { RequestsPerSecond = 1 } },
            };
            var before = session.Host.TestUI.Warnings.Count;
            var clock = Stopwatch.StartNew();

            session.RunAndStopWhen(
                "@(1..12 | ForEach-Object { 'run-{0:000}' -f $_ }) | Stop-DataZoneMetadataGenerationRun -DomainIdentifier dzd_q1 -ThrottleLimit 8 @aws",
                () => emulator.State.Requests.Any(r => r.ErrorCode == "ThrottlingException") && clock.Elapsed > TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
            System.Threading.Thread.Sleep(1000);

            string warned = "";
            var lines = new Dictionary<string, string>();
            var deadline = Stopwatch.StartNew();
            while (lines.Count == 0 && deadline.Elapsed < TimeSpan.FromSeconds(5))
            {
                System.Threading.Thread.Sleep(50);
                warned = Warned(before);
                lines = Regex.Matches(warned, @"run (?<run>run-\d+) in domain dzd_q1: (?<state>[^\n]+)").ToDictionary(m => m.Groups["run"].Value, m => m.Groups["state"].Value);
            }
            var log = emulator.State.Requests;
            Assert.NotEmpty(lines);
            foreach (var (run, state) in lines)
            {
                var seen = log.Where(r => r.Path.Contains("/" + run + "/")).ToList();
                if (state.StartsWith("not sent", StringComparison.Ordinal))
                {
                    Assert.True(seen.Count == 0, $"{run} is reported not sent but the service saw it. Report: {warned}");
                }
                else if (state.StartsWith("throttled, waiting", StringComparison.Ordinal))
                {
                    Assert.True(seen.Count > 0 && seen.All(r => r.ErrorCode == "ThrottlingException"), $"{run}: {state}");
                }
                else if (seen.Count == 0)
                {
                    // Reported as sent: only a request abandoned on the wire before the service logged it may be missing.
                    Assert.StartsWith("sent, answer unknown", state);
                }
            }
            Assert.Contains(lines.Values, state => state.StartsWith("not sent", StringComparison.Ordinal));
        }

        public static TheoryData<string> EveryCommand => new TheoryData<string>
        {
            "Stop-TwinMakerTransferJob tm-1",
            "Stop-IoTJobExecution t-001 -JobId fw-9",
            "Stop-DmsMetadataModelConversion -MigrationProjectIdentifier legacy-oracle -RequestIdentifier req-1",
            "Stop-DataZoneMetadataGenerationRun -DomainIdentifier dzd_sales01 -Identifier run-1",
            "Get-TwinMakerTransferJob -MetadataTransferJobId tm-1",
            "Get-TwinMakerTransferJob -WorkspaceId factory-twin -SourceType s3 -DestinationType iottwinmaker",
            "Get-IoTJobExecution -JobId fw-9 -ThingName t-001",
            "Get-IoTJobExecution -JobId fw-9",
            "Get-DmsMetadataModelConversion legacy-oracle",
            "Get-DataZoneMetadataGenerationRun dzd_sales01 -Identifier run-1",
            "Get-DataZoneMetadataGenerationRun dzd_sales01",
        };

        [Theory]
        [MemberData(nameof(EveryCommand))]
        public void A200WithoutAnAwsRequestIdIsEndpointNotAwsForEveryOperation(string command)
        {
            foreach (var body in new[] { "", """{"hello":"not aws"}""" })
            {
                using var notAws = new StandInServer("200 OK", body);
                using var opened = session = emulator.NewSession();

                var (caught, result) = session.RunCatchingTerminating($"{command} -EndpointUrl {notAws.Url} -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey x");

                Assert.True(caught != null, $"{command} with body '{body}': no terminating error; {result.Output.Count} objects, errors {string.Join(",", result.ErrorIds)}");
                Assert.Equal("EndpointNotAws", RunResult.ErrorIdOf(caught!));
                Assert.Contains("not the AWS service", caught!.Exception.Message);
                Assert.DoesNotContain(result.Output, o => o.Properties["CaughtTerminatingError"] == null);
                Assert.Single(notAws.Received);
            }
        }

        [Theory]
        [InlineData("Stop-TwinMakerTransferJob tm-1")]
        [InlineData("Stop-DmsMetadataModelConversion -MigrationProjectIdentifier legacy-oracle -RequestIdentifier req-1")]
        [InlineData("Get-TwinMakerTransferJob -MetadataTransferJobId tm-1")]
        [InlineData("Get-IoTJobExecution -JobId fw-9 -ThingName t-001")]
        [InlineData("Get-DataZoneMetadataGenerationRun dzd_sales01 -Identifier run-1")]
        [InlineData("Get-TwinMakerTransferJob -WorkspaceId factory-twin -SourceType s3 -DestinationType iottwinmaker")]
        public void A200WithARequestIdButNotInTheOperationsShapeIsEndpointNotAws(string command)
        {
            using var notAws = new StandInServer("200 OK", """{"hello":"not aws"}""", "x-amzn-RequestId: 11111111-2222-3333-4444-555555555555");
            using var opened = session = emulator.NewSession();

            var (caught, result) = session.RunCatchingTerminating($"{command} -EndpointUrl {notAws.Url} -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey x");

            Assert.True(caught != null, $"{command}: no terminating error; {result.Output.Count} objects, errors {string.Join(",", result.ErrorIds)}");
            Assert.Equal("EndpointNotAws", RunResult.ErrorIdOf(caught!));
            Assert.Contains("is missing", caught!.Exception.Message);
        }

        [Fact]
        public void ALostCancelAnswerWhoseStateCannotBeReadIsOutcomeUnknownAfterABoundedRead()
        {
            using var opened = session = emulator.NewSession(Things(2));
            emulator.State.Faults = new FaultSettings
            {
                // The cancel runs and its answer is lost; the retry is refused (already CANCELED); every state read is throttled.
                ResponseLossRate = 1.0,
                FaultOperations = new[] { "CancelJobExecution" },
                Quotas = new Dictionary<string, OperationQuota> { ["DescribeJobExecution"] = new OperationQuota { RequestsPerSecond = 0.001 } },
            };
            // The quota's one token goes to this read; from now on DescribeJobExecution is throttled.
            session.Run("Get-IoTJobExecution -JobId fw-9 -ThingName t-002 @aws").AssertClean();
            var readsBefore = emulator.Operations("DescribeJobExecution").Length;

            var result = session.Run("Stop-IoTJobExecution t-001 -JobId fw-9 -ThrottleTimeout 10 @aws");

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.Equal("OutcomeUnknown", RunResult.ErrorIdOf(error));
            Assert.Contains("is unknown", error.Exception.Message);
            Assert.DoesNotContain("-CancelInProgress", error.Exception.Message + error.ErrorDetails?.Message);
            Assert.Equal(2, PSObject.AsPSObject(error.Exception).Properties["Attempts"].Value);
            // "Read once" is one read with its own few retries, not a resend loop until -ThrottleTimeout.
            var reads = emulator.Operations("DescribeJobExecution").Length - readsBefore;
            Assert.InRange(reads, 1, 3);
            Assert.Equal("CANCELED", emulator.State.FindIoTExecution("fw-9", "t-001")!.Status);
        }

        [Fact]
        public async System.Threading.Tasks.Task AnEndpointNobodyAnswersIsNotUnreachableForTheCommandWhenAnotherEndpointAnsweredItsItems()
        {
            // Objects piped from two endpoints: the first one's endpoint has gone away, the others' answers arrive while
            // it is still being retried. Those were cancelled, so this is one item's failure, not "nothing was cancelled".
            using var opened = session = emulator.NewSession(Things(5));
            var gone = await EmulatorHost.StartAsync(new EmulatorOptions());
            gone.State.SeedJson(Things(1));
            var goneUrl = gone.BaseUri.ToString().TrimEnd('/');
            session.Run($"$gone = @(Get-IoTJobExecution -JobId fw-9 -ThingName t-001 -EndpointUrl {goneUrl} -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY); "
                + "$live = @(2..5 | ForEach-Object { Get-IoTJobExecution -JobId fw-9 -ThingName ('t-{0:000}' -f $_) @aws })").AssertClean();
            await gone.DisposeAsync();
            var before = session.Host.TestUI.Warnings.Count;

            var result = session.Run("$gone + $live | Stop-IoTJobExecution -ThrottleLimit 4 -AccessKey AKIDEXAMPLE -SecretKey wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

            Assert.Null(result.Terminating);
            Assert.Equal(new[] { "t-002", "t-003", "t-004", "t-005" }, result.Strings("ThingName"));
            Assert.All(new[] { "t-002", "t-003", "t-004", "t-005" }, thing => Assert.Equal("CANCELED", emulator.State.FindIoTExecution("fw-9", thing)!.Status));
            Assert.Equal("ConnectionFailed", Assert.Single(result.ErrorIds));
            Assert.Equal("", Warned(before));
        }

        [Fact]
        public async System.Threading.Tasks.Task WhenOneEndpointIsUnreachableARequestInFlightToAnotherIsNotCalledNotSent()
        {
            // The first object's endpoint has gone away; the second's endpoint has the cancel and is slow to answer. The
            // command stops on the unreachable endpoint, but the other request was sent: it may have taken effect.
            using var opened = session = emulator.NewSession();
            using var slow = new StandInServer("200 OK", """{"execution":{"jobId":"fw-9","thingArn":"arn:aws:iot:us-east-1:111122223333:thing/t-002","status":"QUEUED"}}""",
                "x-amzn-RequestId: 11111111-2222-3333-4444-555555555555");
            var gone = await EmulatorHost.StartAsync(new EmulatorOptions());
            gone.State.SeedJson(Things(1));
            var keys = "-Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
            session.Run($"$gone = @(Get-IoTJobExecution -JobId fw-9 -ThingName t-001 -EndpointUrl {gone.BaseUri.ToString().TrimEnd('/')} {keys}); "
                + $"$slow = @(Get-IoTJobExecution -JobId fw-9 -ThingName t-002 -EndpointUrl {slow.Url} {keys})").AssertClean();
            await gone.DisposeAsync();
            slow.HoldAnswer = TimeSpan.FromSeconds(20);
            var before = session.Host.TestUI.Warnings.Count;

            var (caught, _) = session.RunCatchingTerminating("$gone + $slow | Stop-IoTJobExecution -ThrottleLimit 4 -AccessKey AKIDEXAMPLE -SecretKey wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

            Assert.Equal("EndpointUnreachable", RunResult.ErrorIdOf(caught!));
            Assert.True(slow.Received.Any(line => line.StartsWith("PUT /things/t-002/jobs/fw-9/cancel", StringComparison.Ordinal)),
                string.Join(", ", slow.Received) + " / " + Warned(before) + " / " + caught!.Exception.Message);
            var report = ReportLines(Warned(before));
            Assert.True(report.TryGetValue("t-002", out var state), Warned(before));
            Assert.StartsWith("sent, answer unknown", state);
        }

        [Fact]
        public void AnEndpointNobodyAnswersIsOneTerminatingErrorNamingHostPortAndSourceAndTheRestIsNotSent()
        {
            using var opened = session = emulator.NewSession();
            var url = StandInServer.RefusingUrl();
            var before = session.Host.TestUI.Warnings.Count;

            var (caught, result) = session.RunCatchingTerminating(
                $"@(1..30 | ForEach-Object {{ 't-{{0:000}}' -f $_ }}) | Stop-IoTJobExecution -JobId fw-9 -EndpointUrl {url} -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey x");

            Assert.Equal("EndpointUnreachable", RunResult.ErrorIdOf(caught!));
            Assert.Equal(ErrorCategory.ConnectionError, caught!.CategoryInfo.Category);
            var message = caught.Exception.Message;
            Assert.Contains(new Uri(url).Authority, message);
            Assert.Contains("-EndpointUrl", message);
            Assert.Contains("refused", message);
            Assert.Empty(result.Errors);
            var report = Warned(before);
            Assert.DoesNotContain("answer unknown", report);
            Assert.Contains("not sent", report);

            var (got, _) = session.RunCatchingTerminating($"Get-IoTJobExecution -JobId fw-9 -EndpointUrl {url} -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey x");
            Assert.Equal("EndpointUnreachable", RunResult.ErrorIdOf(got!));
            Assert.Contains(new Uri(url).Authority, got!.Exception.Message);
        }
    }
}
