using System;
using System.Linq;
using System.Management.Automation;
using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.Services.IoT;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>Stop-IoTJob (CancelJob) against the emulator: the job and its executions, re-runs, refusals, prompts, input and bulk.</summary>
    public sealed class StopIoTJobTests : IClassFixture<EmulatorFixture>
    {
        private const string Seed = """
            {"iotJobs":[
               {"jobId":"fw-7","status":"IN_PROGRESS","thingGroupName":"sensors","description":"rollout 7"},
               {"jobId":"fw-8","status":"IN_PROGRESS","thingGroupName":"sensors"},
               {"jobId":"fw-6","status":"COMPLETED"},
               {"jobId":"fw-5","status":"CANCELED"},
               {"jobId":"fw-4","status":"DELETION_IN_PROGRESS"}],
             "iot":[
               {"jobId":"fw-7","thingName":"sensor-1","status":"QUEUED"},
               {"jobId":"fw-7","thingName":"sensor-2","status":"IN_PROGRESS"},
               {"jobId":"fw-7","thingName":"sensor-3","status":"SUCCEEDED"}]}
            """;

        private readonly EmulatorFixture emulator;

        public StopIoTJobTests(EmulatorFixture emulator) => this.emulator = emulator;

        private string JobStatus(string jobId) => emulator.State.FindIoTJob(jobId)!.Status;

        private string ExecutionStatus(string thing) => emulator.State.FindIoTExecution("fw-7", thing)!.Status;

        [Fact]
        public void JobIdsPipedByValueAreCancelledInInputOrderWithTypedResultsAndOnlyQueuedExecutionsFollow()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("'fw-8','fw-7' | Stop-IoTJob -ReasonCode BAD_BUILD -Comment 'Firmware bricks sensors' -Force @aws").AssertClean();

            Assert.Equal(new[] { "fw-8", "fw-7" }, result.Strings("JobId"));
            Assert.All(result.Output, o => Assert.Equal("CancelJobs.Engine.IoT.IoTJobCancellation", o.TypeNames[0]));
            Assert.All(result.Output, o => Assert.Equal("CANCELED", o.Properties["Status"].Value));
            Assert.All(result.Output, o => Assert.False((bool)o.Properties["AlreadyCancelled"].Value));
            Assert.All(result.Output, o => Assert.Equal(1, o.Properties["Attempts"].Value));
            var requestIds = emulator.State.Requests.Where(r => r.Operation == "CancelJob").Select(r => r.RequestId).ToList();
            Assert.Equal(requestIds.OrderBy(i => i), result.Strings("ServiceRequestId").OrderBy(i => i));
            Assert.Equal("rollout 7", result.Output[1].Properties["Description"].Value);
            Assert.Equal("arn:aws:iot:us-east-1:123456789012:job/fw-7", result.Output[1].Properties["JobArn"].Value);
            var job = emulator.State.FindIoTJob("fw-7")!;
            Assert.Equal(("CANCELED", "BAD_BUILD", "Firmware bricks sensors", false), (job.Status, job.ReasonCode, job.Comment, job.ForceCanceled));
            Assert.Equal(new[] { "CANCELED", "IN_PROGRESS", "SUCCEEDED" }, new[] { "sensor-1", "sensor-2", "sensor-3" }.Select(ExecutionStatus));
            Assert.All(emulator.State.Requests, r => Assert.Equal("Valid", r.Signature));
        }

        [Theory]
        [InlineData("-CancelInProgress")]
        [InlineData("-Enforce")]
        public void CancelInProgressSendsForceAndCancelsTheRunningExecutionsToo(string parameter)
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run($"Stop-IoTJob fw-7 {parameter} -Force @aws").AssertClean();

            Assert.True((bool)Assert.Single(result.Output).Properties["Forced"].Value);
            Assert.Equal("force=true", emulator.State.Requests.Single(r => r.Operation == "CancelJob").Query.TrimStart('?'));
            Assert.True(emulator.State.FindIoTJob("fw-7")!.ForceCanceled);
            Assert.Equal(new[] { "CANCELED", "CANCELED", "SUCCEEDED" }, new[] { "sensor-1", "sensor-2", "sensor-3" }.Select(ExecutionStatus));
        }

        [Theory]
        [InlineData("fw-5", "CANCELED")]
        [InlineData("fw-4", "DELETION_IN_PROGRESS")]
        public void AJobAlreadyCancelledOrBeingDeletedIsAResultNotAnError(string jobId, string status)
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run($"Stop-IoTJob {jobId} -Force @aws").AssertClean();

            var cancelled = Assert.Single(result.Output);
            Assert.True((bool)cancelled.Properties["AlreadyCancelled"].Value);
            Assert.Equal(status, cancelled.Properties["Status"].Value);
            Assert.Equal(new[] { "CancelJob", "DescribeJob" }, emulator.Operations());
            Assert.Equal(status, JobStatus(jobId));
        }

        [Fact]
        public void ACompletedJobIsInvalidJobStateAndAnUnknownOneJobNotFoundWhileTheOthersCarryOn()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("'fw-6','nope','fw-8' | Stop-IoTJob -Force @aws");

            Assert.Equal(new[] { "InvalidJobState", "JobNotFound" }, result.ErrorIds);
            Assert.Equal(ErrorCategory.InvalidOperation, result.Errors[0].CategoryInfo.Category);
            Assert.Contains("Its state is COMPLETED", result.Errors[0].Exception.Message);
            Assert.Equal("fw-6", result.Errors[0].TargetObject);
            Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[1].CategoryInfo.Category);
            Assert.Equal(new[] { "fw-8" }, result.Strings("JobId"));
            Assert.Equal("COMPLETED", JobStatus("fw-6"));
            Assert.Equal("CANCELED", JobStatus("fw-8"));
        }

        [Theory]
        [InlineData("Stop-IoTJob 'fw 7' -Force", "JobId 'fw 7'")]
        [InlineData("Stop-IoTJob ('x' * 65) -Force", "must be 1 to 64")]
        [InlineData("Stop-IoTJob fw-7 -ReasonCode bad_build -Force", "ReasonCode 'bad_build'")]
        [InlineData("Stop-IoTJob fw-7 -ReasonCode ('A' * 129) -Force", "must be 1 to 128")]
        [InlineData("Stop-IoTJob fw-7 -Comment ('c' * 2029) -Force", "must be 1 to 2028")]
        [InlineData("Stop-IoTJob fw-7 -Comment \"line`nbreak\" -Force", "control character")]
        public void ModelConstraintsAreCheckedBeforeSending(string command, string expected)
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run(command + " @aws");

            result.AssertRejectedBeforeSending(emulator, expected);
            Assert.Equal("IN_PROGRESS", JobStatus("fw-7"));
        }

        [Fact]
        public void ARunningJobPipedFromGetIoTJobAndAwsToolsObjectsAndRowsBindByPropertyName()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("""
                Get-IoTJob -JobId fw-7 @aws | Stop-IoTJob -Force
                [pscustomobject]@{ PSTypeName = 'Amazon.IoT.Model.JobSummary'; JobId = 'fw-8'; JobArn = 'arn:aws:iot:us-east-1:123456789012:job/fw-8'; Status = 'IN_PROGRESS' } | Stop-IoTJob -Force @aws
                [pscustomobject]@{ PSTypeName = 'Amazon.IoT.Model.Job'; JobId = 'fw-5'; Status = 'CANCELED' } | Stop-IoTJob -Force @aws
                "JobId`nfw-4" | ConvertFrom-Csv | Stop-IoTJob -Force @aws
                """).AssertClean();

            Assert.Equal(new[] { "fw-7", "fw-8", "fw-5", "fw-4" }, result.Strings("JobId"));
            Assert.Equal(new[] { "False", "False", "True", "True" }, result.Strings("AlreadyCancelled"));
        }

        [Theory]
        [InlineData("Get-IoTJobExecution -JobId fw-7 @aws | Stop-IoTJob -Force", "IoTJobExecution has a ThingName property")]
        [InlineData("[pscustomobject]@{ PSTypeName = 'Amazon.IoT.Model.JobExecution'; JobId = 'fw-7'; ThingArn = 'arn:aws:iot:us-east-1:123456789012:thing/sensor-1' } | Stop-IoTJob -Force @aws", "ThingArn property")]
        [InlineData("[pscustomobject]@{ JobId = 'fw-7'; ThingName = 'sensor-1' } | Stop-IoTJob -Force @aws", "ThingName property")]
        public void AnExecutionNeverCancelsItsWholeJob(string script, string expected)
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run(script);

            Assert.NotEmpty(result.Errors);
            Assert.All(result.ErrorIds, id => Assert.Equal("CrossServiceInput", id));
            Assert.Contains(expected, result.Errors[0].Exception.Message);
            Assert.Contains("Stop-IoTJobExecution", result.Errors[0].Exception.Message);
            Assert.DoesNotContain(emulator.State.Requests, r => r.Operation == "CancelJob");
            Assert.Equal("IN_PROGRESS", JobStatus("fw-7"));
        }

        [Fact]
        public void ConfirmImpactHighPromptsUnderTheDefaultPreferenceAndForceOnlySkipsThePrompt()
        {
            using var session = emulator.NewSession(Seed);
            session.Host.TestUI.Answers.Enqueue("No");

            session.Run("Stop-IoTJob fw-7 @aws").AssertClean();
            Assert.Single(session.Host.TestUI.Prompts);
            Assert.Empty(emulator.State.Requests);

            var forced = session.Run("Stop-IoTJob fw-7 -Force @aws").AssertClean();
            Assert.Single(session.Host.TestUI.Prompts);
            Assert.Single(forced.Output);
            Assert.Equal("", emulator.State.Requests.Single(r => r.Operation == "CancelJob").Query.TrimStart('?'));
        }

        [Theory]
        [InlineData("Yes", 1)]
        [InlineData("No", 0)]
        public void CancelInProgressAsksItsOwnQuestionWithAWarningAboutDevices(string answer, int cancels)
        {
            using var session = emulator.NewSession(Seed);
            session.Host.TestUI.Answers.Enqueue(answer);

            var result = session.Run("Stop-IoTJob fw-7 -CancelInProgress -Confirm:$false @aws").AssertClean();

            Assert.Contains("unable to report", Assert.Single(session.Host.TestUI.Prompts));
            Assert.Equal(cancels, result.Output.Count);
            Assert.Equal(cancels, emulator.Operations("CancelJob").Length);
        }

        [Theory]
        [InlineData("")]
        [InlineData("-Confirm")]
        public void CancelInProgressApprovedAtTheConfirmationPromptIsNotAskedAgain(string confirm)
        {
            // ConfirmImpact High prompts under the default $ConfirmPreference; that prompt already names the force-cancel
            // and the device risk, so a second question about the same job would ask twice (issue 20: one prompt per item).
            using var session = emulator.NewSession(Seed);
            session.Host.TestUI.Answers.Enqueue("Yes");
            session.Host.TestUI.Answers.Enqueue("Yes");
            session.Host.TestUI.Answers.Enqueue("Yes");
            session.Host.TestUI.Answers.Enqueue("Yes");

            var result = session.Run($"'fw-7','fw-8' | Stop-IoTJob -CancelInProgress {confirm} @aws").AssertClean();

            Assert.Equal(2, session.Host.TestUI.Prompts.Count);
            Assert.All(session.Host.TestUI.Prompts, prompt => Assert.Contains("unable to report", prompt));
            Assert.Equal(2, result.Output.Count);
            Assert.Equal(2, emulator.Operations("CancelJob").Length);
        }

        [Fact]
        public void TheHighImpactConfirmationWhereNobodyCanAnswerSaysToAddForceAndSendsNothing()
        {
            // A runbook (pwsh -NonInteractive) under the default $ConfirmPreference: PowerShell's own "NonInteractive mode"
            // error would not say what to do.
            using var session = emulator.NewSession(Seed);

            var (caught, _) = session.RunCatchingTerminating("'fw-7','fw-8' | Stop-IoTJob @aws");

            Assert.NotNull(caught);
            Assert.Equal("ConfirmationRequired", RunResult.ErrorIdOf(caught!));
            Assert.Contains("-Force", caught!.Exception.Message);
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void CancelInProgressWhereNobodyCanAnswerSaysToAddForceAndSendsNothing()
        {
            using var session = emulator.NewSession(Seed);

            var (caught, _) = session.RunCatchingTerminating("'fw-7','fw-8' | Stop-IoTJob -CancelInProgress -Confirm:$false @aws");

            Assert.Equal("ConfirmationRequired", RunResult.ErrorIdOf(caught!));
            Assert.Contains("Add -Force", caught!.Exception.Message);
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void WhatIfSaysWhatCancelInProgressWouldDoAndSendsNothing()
        {
            using var session = emulator.NewSession(Seed);

            var text = session.RunFormatted("Stop-IoTJob fw-7 -CancelInProgress -WhatIf -Force @aws");

            Assert.Contains("also force-cancels its IN_PROGRESS executions", text);
            Assert.Contains("IoT job fw-7", text);
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void WaitReadsTheJobUntilItIsCanceledAndMarksTheResultCompleted()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Stop-IoTJob fw-7 -Force -Wait @aws").AssertClean();

            var cancelled = Assert.Single(result.Output);
            Assert.True((bool)cancelled.Properties["Completed"].Value);
            Assert.Equal("CANCELED", cancelled.Properties["Status"].Value);
        }

        [Fact]
        public void ManyJobsUnderAQuotaAllGetThroughAtThrottleLimit8()
        {
            var jobs = Enumerable.Range(1, 30).Select(i => $"{{\"jobId\":\"bulk-{i:000}\",\"status\":\"IN_PROGRESS\"}}");
            using var session = emulator.NewSession(Seeds.Document("iotJobs", jobs));
            emulator.State.Faults = new FaultSettings { RequestsPerSecond = 15, LatencyMs = 5 };

            var result = session.Run("1..30 | ForEach-Object { 'bulk-{0:000}' -f $_ } | Stop-IoTJob -ThrottleLimit 8 -Force @aws").AssertClean();

            Assert.Equal(Enumerable.Range(1, 30).Select(i => $"bulk-{i:000}"), result.Strings("JobId"));
            Assert.All(Enumerable.Range(1, 30), i => Assert.Equal("CANCELED", JobStatus($"bulk-{i:000}")));
            Assert.Equal(30, emulator.State.Requests.Count(r => r.Operation == "CancelJob" && r.StatusCode == 200));
        }
    
        [Fact]
        public void JobIdsCompleteFromGetIoTJobWithoutARowOfTheirOwn()
        {
            using var session = emulator.NewSession(Seed);
            string[] Complete(string input) => session.Run($"(TabExpansion2 -inputScript '{input}' -cursorColumn {input.Length}).CompletionMatches | ForEach-Object CompletionText")
                .AssertClean().Output.Select(o => o.ToString()).ToArray();
            // The completion runspace imports the module in the background; until then a completion offers nothing.
            Complete("Stop-IoTJob -Region us-");
            var jobs = Array.Empty<string>();
            for (var attempt = 0; attempt < 10 && jobs.Length == 0; attempt++)
            {
                jobs = Complete("Stop-IoTJob @aws -JobId fw-");
            }

            // Only jobs that can still be cancelled (not COMPLETED, CANCELED or being deleted).
            Assert.Equal(new[] { "fw-7", "fw-8" }, jobs.OrderBy(j => j, StringComparer.Ordinal));
            Assert.All(emulator.State.Requests, r => Assert.Equal("ListJobs", r.Operation));
        }
    
        [Fact]
        public void ALostAnswerWhoseRetryIsRefusedAsAnInvalidRequestIsOurOwnCancel()
        {
            using var session = emulator.NewSession(Seed);
            // The cancel runs and its answer is lost; the retry finds the job CANCELED and IoT refuses it with
            // InvalidRequestException: read once, the state says the first attempt took effect.
            emulator.State.Faults = new FaultSettings { ResponseLossRate = 1.0, FaultOperations = new[] { "CancelJob" } };

            var result = session.Run("Stop-IoTJob fw-7 -Force @aws").AssertClean();

            var cancelled = Assert.Single(result.Output);
            Assert.Equal("CANCELED", cancelled.Properties["Status"].Value);
            Assert.False((bool)cancelled.Properties["AlreadyCancelled"].Value);
            Assert.True((int)cancelled.Properties["Attempts"].Value >= 2);
            Assert.Contains(emulator.State.Requests, r => r.Operation == "CancelJob" && r.ErrorCode == "InvalidRequestException");
            Assert.Equal("CANCELED", JobStatus("fw-7"));
        }
    }
}
