using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using CancelJobs.Emulator.Control;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>Tab completion: regions and profiles from AWSSDK.Core's sources, identifiers from the matching Get-* within a second.</summary>
    public sealed class CompletionTests : IClassFixture<EmulatorFixture>
    {
        private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        private readonly EmulatorFixture emulator;

        public CompletionTests(EmulatorFixture emulator) => this.emulator = emulator;

        private string Connection => $"-EndpointUrl {emulator.Host.BaseUri.ToString().TrimEnd('/')} -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey {Secret}";

        private static string[] Complete(PowerShellSession session, string input)
        {
            var escaped = input.Replace("'", "''");
            return session.Run($"(TabExpansion2 -inputScript '{escaped}' -cursorColumn {input.Length}).CompletionMatches | ForEach-Object CompletionText")
                .AssertClean().Output.Select(o => o.ToString()).ToArray();
        }

        [Fact]
        public void RegionCompletesFromCoresRegionList()
        {
            using var session = emulator.NewSession();

            var matches = Complete(session, "Stop-IoTJobExecution -Region eu-w");

            Assert.Contains("eu-west-1", matches);
            Assert.All(matches, m => Assert.StartsWith("eu-w", m));
            Assert.Contains("us-east-1", Complete(session, "Get-TwinMakerTransferJob -Region "));
            // The public partition's regions first; no endpoint variants (us-east-1-regional) or pseudo-regions.
            var us = Complete(session, "Stop-IoTJobExecution -Region us-");
            Assert.Equal(new[] { "us-east-1", "us-east-2", "us-west-1", "us-west-2" }, us.Take(4));
            Assert.DoesNotContain("us-east-1-regional", us);
            Assert.True(Array.IndexOf(us, "us-gov-west-1") > 3);
        }

        [Fact]
        public void ProfileNameCompletesFromTheSharedFilesSections()
        {
            using var session = emulator.NewSession();
            var credentials = Path.Combine(Path.GetTempPath(), "canceljobs-completion-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(credentials, "[default]\naws_access_key_id = a\naws_secret_access_key = b\n[ops-admin]\naws_access_key_id = c\naws_secret_access_key = d\n");
            try
            {
                var matches = Complete(session, $"Stop-DmsMetadataModelConversion -ProfileLocation {credentials} -ProfileName ");

                Assert.Equal(new[] { "default", "ops-admin" }, matches);
                Assert.Equal(new[] { "ops-admin" }, Complete(session, $"Stop-DmsMetadataModelConversion -ProfileLocation {credentials} -ProfileName op"));
            }
            finally
            {
                File.Delete(credentials);
            }
        }

        [Fact]
        public void IdentifiersCompleteFromTheMatchingGetCommandWithTheTypedOrSplattedConnection()
        {
            using var session = emulator.NewSession(Seeds.AllServices);
            // Completing -Region starts importing the module into the completion runspace, as typing a command would;
            // until that import is done an identifier completion offers nothing rather than wait, so ask a few times.
            Complete(session, "Stop-IoTJobExecution -Region us-");
            var things = Array.Empty<string>();
            for (var attempt = 0; attempt < 10 && things.Length == 0; attempt++)
            {
                things = Complete(session, $"Stop-IoTJobExecution -JobId fw-7 {Connection} -ThingName ");
            }

            Assert.Equal(new[] { "sensor-1", "sensor-2", "sensor-3" }, things);
            Assert.Equal(new[] { "tm-run-1", "tm-run-2" }, Complete(session, "Stop-TwinMakerTransferJob @aws -MetadataTransferJobId tm-r"));
            // Only jobs that can still be cancelled (req-done SUCCESS and run-done SUCCEEDED are not offered).
            Assert.Equal(new[] { "req-1", "req-2" }, Complete(session, "Stop-DmsMetadataModelConversion -MigrationProjectIdentifier legacy-oracle @aws -RequestIdentifier "));
            Assert.Equal(new[] { "run-1", "run-2" }, Complete(session, "Stop-DataZoneMetadataGenerationRun -DomainIdentifier dzd_sales01 @aws -Identifier "));
            Assert.DoesNotContain("tm-done", Complete(session, "Stop-TwinMakerTransferJob @aws -MetadataTransferJobId "));
            // Only reads were sent, never a cancel; and nothing without the identifier the Get-* needs.
            Assert.All(emulator.State.Requests, r => Assert.DoesNotContain("Cancel", r.Operation));
            Assert.Empty(Complete(session, "Stop-IoTJobExecution @aws -ThingName "));
        }

        [Fact]
        public void IdentifiersCompleteForTheContainerGivenByPositionAndOnlyWhileCancellable()
        {
            using var session = emulator.NewSession("""
                {"iot":[
                   {"jobId":"fw-7","thingName":"sensor-1","status":"QUEUED"},
                   {"jobId":"fw-7","thingName":"sensor-2","status":"SUCCEEDED"},
                   {"jobId":"fw-7","thingName":"sensor-3","status":"CANCELED"},
                   {"jobId":"fw-7","thingName":"sensor-4","status":"IN_PROGRESS"},
                   {"jobId":"fw-8","thingName":"sensor-5","status":"QUEUED"}],
                 "dms":[
                   {"migrationProject":"proj-a","requestIdentifier":"req-1","status":"IN_PROGRESS"},
                   {"migrationProject":"proj-a","requestIdentifier":"req-2","status":"CANCELED"},
                   {"migrationProject":"proj-b","requestIdentifier":"req-3","status":"IN_PROGRESS"}]}
                """);
            // As above: the first completions import the module into the completion runspace.
            Complete(session, "Stop-IoTJobExecution -Region us-");
            var things = Array.Empty<string>();
            for (var attempt = 0; attempt < 10 && things.Length == 0; attempt++)
            {
                things = Complete(session, "Stop-IoTJobExecution fw-7 @aws -ThingName ");
            }

            Assert.Equal(new[] { "sensor-1", "sensor-4" }, things);
            Assert.Equal(new[] { "sensor-5" }, Complete(session, "Stop-IoTJobExecution fw-8 @aws -ThingName "));
            Assert.Equal(new[] { "req-1" }, Complete(session, "Stop-DmsMetadataModelConversion proj-a @aws -RequestIdentifier "));
        }

        [Fact]
        public void ContainerParametersCompleteFromTheServiceWithTheTypedConnection()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            Assert.Equal(new[] { "factory-twin" }, Complete(session, $"Get-TwinMakerTransferJob {Connection} -WorkspaceId "));
            Assert.Equal(new[] { "legacy-oracle" }, Complete(session, "Get-DmsMetadataModelConversion @aws -MigrationProjectIdentifier "));
            Assert.Equal(new[] { "dzd_sales01" }, Complete(session, "Stop-DataZoneMetadataGenerationRun @aws -DomainIdentifier dzd"));
            Assert.Equal(new[] { "ListWorkspaces", "DescribeMigrationProjects", "ListDomains" }, emulator.Operations());
        }

        [Fact]
        public void IdentifiersCompleteWithTheConnectionFromPSDefaultParameterValues()
        {
            using var session = emulator.NewSession(Seeds.AllServices);
            session.Run($"$PSDefaultParameterValues['*-TwinMaker*:EndpointUrl'] = $aws.EndpointUrl; $PSDefaultParameterValues['*:Region'] = 'us-east-1'; " +
                "$PSDefaultParameterValues['Stop-TwinMakerTransferJob:AccessKey'] = $aws.AccessKey; $PSDefaultParameterValues['Stop-TwinMakerTransferJob:SecretKey'] = $aws.SecretKey").AssertClean();

            var jobs = Array.Empty<string>();
            for (var attempt = 0; attempt < 10 && jobs.Length == 0; attempt++)
            {
                jobs = Complete(session, "Stop-TwinMakerTransferJob -MetadataTransferJobId tm-r");
            }

            Assert.Equal(new[] { "tm-run-1", "tm-run-2" }, jobs);
        }

        [Fact]
        public void ASlowEndpointNeverHoldsThePromptMuchLongerThanASecond()
        {
            using var session = emulator.NewSession(Seeds.AllServices);
            emulator.State.Faults = new FaultSettings { LatencyMs = 8000 };
            try
            {
                // Again and again: each abandoned call leaves a fresh completion runspace importing the module, and waiting
                // for that import counts against the same 1 s budget.
                var took = new List<TimeSpan>();
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var clock = Stopwatch.StartNew();
                    var matches = Complete(session, "Stop-TwinMakerTransferJob @aws -MetadataTransferJobId ");
                    took.Add(clock.Elapsed);
                    Assert.Empty(matches);
                }
                // The budget is 1 s; a generous margin for a busy machine, far below the endpoint's 8 s. The figures are
                // measured by the bench (section t).
                Assert.True(took.Max() < TimeSpan.FromSeconds(4), "completions took " + string.Join(", ", took.Select(t => $"{t.TotalMilliseconds:0} ms")));
            }
            finally
            {
                emulator.State.Faults = new FaultSettings();
            }
            // The abandoned call does not block later completions; the fresh completion runspace may need a moment to
            // import the module (a completion meanwhile offers nothing rather than waiting), so ask a few times.
            var later = Array.Empty<string>();
            for (var attempt = 0; attempt < 10 && later.Length == 0; attempt++)
            {
                later = Complete(session, "Stop-TwinMakerTransferJob @aws -MetadataTransferJobId ");
            }
            Assert.Contains("tm-run-1", later);
        }
    }
}
