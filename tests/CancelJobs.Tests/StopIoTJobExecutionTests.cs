using System.Linq;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    public sealed class StopIoTJobExecutionTests : IClassFixture<EmulatorFixture>
    {
        private const string Seed = """
            {"iot":[
              {"jobId":"fw-7","thingName":"sensor-1","status":"QUEUED"},
              {"jobId":"fw-7","thingName":"sensor-2","status":"QUEUED"},
              {"jobId":"fw-7","thingName":"sensor-3","status":"IN_PROGRESS","versionNumber":4},
              {"jobId":"fw-7","thingName":"sensor-4","status":"SUCCEEDED"},
              {"jobId":"fw-7","thingName":"plant:line-1","status":"QUEUED"}
            ]}
            """;

        private readonly EmulatorFixture emulator;

        public StopIoTJobExecutionTests(EmulatorFixture emulator) => this.emulator = emulator;

        private string StatusOf(string thing) => emulator.State.FindIoTExecution("fw-7", thing)!.Status;

        [Fact]
        public void ANullThingNameIsAnInvalidIdentifierErrorAndTheNextItemStillGoes()
        {
            // -ThingName $null (also a $null splatted into its position): refused like an empty name, never a crash that
            // ends the pipeline.
            using var session = emulator.NewSession(Seed);

            var result = session.Run("$none = $null; Stop-IoTJobExecution -JobId fw-7 -ThingName $null @aws; Stop-IoTJobExecution -JobId fw-7 @aws @none; "
                + "'sensor-1' | Stop-IoTJobExecution -JobId fw-7 @aws");

            Assert.Null(result.Terminating);
            Assert.Equal(new[] { "InvalidIdentifier", "InvalidIdentifier" }, result.ErrorIds);
            Assert.All(result.Errors, e => Assert.Contains("ThingName is empty", e.Exception.Message));
            Assert.Equal(new[] { "sensor-1" }, result.Strings("ThingName"));
            Assert.Single(emulator.State.Requests, r => r.Operation == "CancelJobExecution");
        }

        [Fact]
        public void ThingNamesPipedByValueAreCanceledInInputOrderWithTypedResults()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("'sensor-2','sensor-1' | Stop-IoTJobExecution -JobId fw-7 @aws").AssertClean();

            Assert.Equal(new[] { "sensor-2", "sensor-1" }, result.Strings("ThingName"));
            Assert.All(result.Output, o => Assert.Equal("CancelJobs.Engine.IoT.IoTJobExecutionCancellation", o.TypeNames[0]));
            Assert.All(result.Output, o => Assert.Equal("CANCELED", o.Properties["Status"].Value));
            Assert.Equal("CANCELED", StatusOf("sensor-1"));
            Assert.Equal("CANCELED", StatusOf("sensor-2"));
            Assert.Equal("QUEUED", StatusOf("plant:line-1"));
            Assert.All(emulator.State.Requests, r => Assert.Equal("Valid", r.Signature));
        }

        [Fact]
        public void CsvRowsAndJsonObjectsBindByPropertyName()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("""
                $csv = "ThingName,JobId`nsensor-1,fw-7" | ConvertFrom-Csv
                $json = '{"thingName":"sensor-2","jobId":"fw-7"}' | ConvertFrom-Json
                $csv, $json | Stop-IoTJobExecution @aws
                """).AssertClean();

            Assert.Equal(new[] { "sensor-1", "sensor-2" }, result.Strings("ThingName"));
            Assert.Equal("CANCELED", StatusOf("sensor-2"));
        }

        [Fact]
        public void AwsToolsListOutputBindsThroughThingArn()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("""
                [pscustomobject]@{ ThingArn = 'arn:aws:iot:us-east-1:123456789012:thing/plant:line-1'; JobExecutionSummary = $null } |
                    Stop-IoTJobExecution -JobId fw-7 @aws
                """).AssertClean();

            Assert.Equal("plant:line-1", Assert.Single(result.Output).Properties["ThingName"].Value);
            Assert.Equal("CANCELED", StatusOf("plant:line-1"));
            // The colon travels percent-encoded in the path and is decoded by the service.
            Assert.Contains(emulator.State.Requests, r => r.Operation == "CancelJobExecution" && r.Path.Contains("plant%3Aline-1"));
        }

        [Fact]
        public void AFailedCsvRowIsTheErrorsTargetObjectWithItsProperties()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("[pscustomobject]@{ ThingName = 'ghost'; JobId = 'fw-7'; Ticket = 'OPS-9' } | Stop-IoTJobExecution @aws 2>&1 | ForEach-Object { $_.TargetObject.Ticket }");

            Assert.Equal("OPS-9", Assert.Single(result.Output).ToString());
        }

        [Fact]
        public void InProgressWithoutCancelInProgressFailsWithAdviceAndLaterItemsStillSucceed()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("'sensor-3','nope','sensor-1' | Stop-IoTJobExecution -JobId fw-7 @aws");

            Assert.Null(result.Terminating);
            Assert.Equal(new[] { "InvalidJobState", "JobNotFound" }, result.ErrorIds);
            Assert.Equal("sensor-3", result.Errors[0].TargetObject);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidOperation, result.Errors[0].CategoryInfo.Category);
            Assert.Contains("-CancelInProgress", result.Errors[0].Exception.Message);
            Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, result.Errors[1].CategoryInfo.Category);
            Assert.Equal(new[] { "sensor-1" }, result.Strings("ThingName"));
            Assert.Equal("IN_PROGRESS", StatusOf("sensor-3"));
            Assert.Equal("CANCELED", StatusOf("sensor-1"));
        }

        [Fact]
        public void CancelInProgressWithForceSendsTheApiForceFlagWithoutPrompting()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Stop-IoTJobExecution -ThingName sensor-3 -JobId fw-7 -CancelInProgress -Force @aws").AssertClean();

            Assert.True((bool)result.Output.Single().Properties["Forced"].Value);
            var execution = emulator.State.FindIoTExecution("fw-7", "sensor-3")!;
            Assert.Equal("CANCELED", execution.Status);
            Assert.True(execution.ForceCanceled);
            Assert.Contains("force=true", emulator.State.Requests.Single(r => r.Operation == "CancelJobExecution").Query);
            Assert.Empty(session.Host.TestUI.Prompts);
        }

        [Theory]
        [InlineData("Yes", "CANCELED")]
        [InlineData("No", "IN_PROGRESS")]
        public void CancelInProgressAsksShouldContinueAboutTheDevice(string answer, string expectedStatus)
        {
            using var session = emulator.NewSession(Seed);
            session.Host.TestUI.Answers.Enqueue(answer);

            var result = session.Run("Stop-IoTJobExecution -ThingName sensor-3 -JobId fw-7 -Enforce @aws").AssertClean();

            Assert.Contains(session.Host.TestUI.Prompts, p => p.Contains("unable to report"));
            Assert.Equal(expectedStatus, StatusOf("sensor-3"));
            Assert.Equal(answer == "Yes" ? 1 : 0, result.Output.Count);
            Assert.Equal(answer == "Yes" ? 1 : 0, emulator.Operations("CancelJobExecution").Length);
        }

        [Theory]
        [InlineData("-CancelInProgress -Confirm")]
        [InlineData("-Enforce -Confirm")]
        public void ConfirmWithCancelInProgressAsksOncePerItem(string switches)
        {
            using var session = emulator.NewSession(Seed);
            session.Host.TestUI.Answers.Enqueue("Yes");
            session.Host.TestUI.Answers.Enqueue("Yes");

            // The test host throws on a prompt it has no answer for: a second question per item fails the run.
            var result = session.Run($"'sensor-3', 'sensor-1' | Stop-IoTJobExecution -JobId fw-7 {switches} @aws").AssertClean();

            Assert.Equal(2, session.Host.TestUI.Prompts.Count);
            Assert.All(session.Host.TestUI.Prompts, prompt => Assert.Contains("unable to report", prompt));
            Assert.Equal(2, result.Output.Count);
        }

        [Fact]
        public void TimeoutWithoutWaitIsRefusedBeforeSending()
        {
            using var session = emulator.NewSession(Seed);

            var (caught, _) = session.RunCatchingTerminating("Stop-IoTJobExecution -JobId fw-7 -ThingName sensor-1 -Timeout 5 -Force @aws");

            Assert.Equal("TimeoutWithoutWait", RunResult.ErrorIdOf(caught!));
            Assert.Contains("Add -Wait", caught!.Exception.Message);
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void ExpectedVersionAndStatusDetailsReachTheWire()
        {
            using var session = emulator.NewSession(Seed);

            session.Run("Stop-IoTJobExecution fw-7 sensor-3 -CancelInProgress -Force -ExpectedVersion 4 -StatusDetail @{ reason = 'bad-firmware'; ticket = 'OPS-12' } @aws").AssertClean();

            var execution = emulator.State.FindIoTExecution("fw-7", "sensor-3")!;
            Assert.Equal("bad-firmware", execution.StatusDetails["reason"]);
            Assert.Equal(5, execution.VersionNumber);
            Assert.Contains("\"expectedVersion\":4", emulator.State.Requests.Single(r => r.Operation == "CancelJobExecution").Body);
        }

        [Fact]
        public void VersionMismatchIsAVersionConflictError()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Stop-IoTJobExecution fw-7 sensor-1 -ExpectedVersion 9 @aws");

            Assert.Equal("VersionConflict", Assert.Single(result.ErrorIds));
            Assert.Equal("QUEUED", StatusOf("sensor-1"));
        }

        [Theory]
        [InlineData("Stop-IoTJobExecution -ThingName 'bad thing' -JobId fw-7 @aws", "ThingName")]
        [InlineData("Stop-IoTJobExecution -ThingName sensor-1 -JobId ('j' * 65) @aws", "JobId")]
        [InlineData("Stop-IoTJobExecution -ThingName sensor-1 -JobId fw-7 -StatusDetail @{ 'bad key!' = 'x' } @aws", "StatusDetail key")]
        [InlineData("Stop-IoTJobExecution -ThingName sensor-1 -JobId fw-7 -StatusDetail (@{}+(1..11 | ForEach-Object -Begin { $h = @{} } -Process { $h[\"k$_\"] = 'v' } -End { $h })) @aws", "at most 10")]
        public void InvalidInputIsRejectedBeforeAnythingIsSent(string script, string expectedInMessage)
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run(script);

            result.AssertRejectedBeforeSending(emulator, expectedInMessage);
        }

        [Fact]
        public void ErrorActionStopMakesTheFirstFailureTerminating()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("'nope','sensor-1','sensor-2' | Stop-IoTJobExecution -JobId fw-7 -ThrottleLimit 1 -ErrorAction Stop @aws");

            Assert.NotNull(result.Terminating);
            Assert.Equal("JobNotFound", RunResult.ErrorIdOf(result.TerminatingRecord!));
            Assert.Equal("QUEUED", StatusOf("sensor-2"));
            // One at a time: nothing else was in flight, so there is nothing to report besides the error itself.
            Assert.Empty(session.Host.TestUI.Warnings);
        }

        [Fact]
        public void AnExecutionThatAlreadyEndedIsInvalidJobStateAndStaysAsItWas()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Stop-IoTJobExecution -ThingName sensor-4 -JobId fw-7 @aws");

            Assert.Equal("InvalidJobState", Assert.Single(result.ErrorIds));
            Assert.Equal("sensor-4", result.Errors[0].TargetObject);
            Assert.Empty(result.Output);
            Assert.Equal("SUCCEEDED", StatusOf("sensor-4"));
        }
    }
}
