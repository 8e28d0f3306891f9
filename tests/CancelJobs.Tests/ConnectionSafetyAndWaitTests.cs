using System;
using System.IO;
using System.Linq;
using CancelJobs.Emulator.Control;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>Secrets stay off output objects; connections come only from our own objects; -Wait and -ErrorAction Stop details.</summary>
    public sealed class ConnectionSafetyAndWaitTests : IClassFixture<EmulatorFixture>
    {
        private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        private readonly EmulatorFixture emulator;

        public ConnectionSafetyAndWaitTests(EmulatorFixture emulator) => this.emulator = emulator;

        [Fact]
        public void OutputObjectsCarryNoSecretThatPowerShellCanReach()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("""
                $listed = Get-IoTJobExecution -JobId fw-7 -MaxItems 1 -SessionToken 'TOKEN-XYZ' @aws
                $stopped = $listed | Stop-IoTJobExecution -CancelInProgress -Force
                $listed, $stopped | ForEach-Object { $_.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" } }
                """).AssertClean();

            var properties = string.Join(";", result.Output.Select(o => o.ToString()));
            // The connection travels with the object (the piped Stop-* reached the emulator) but is no property of it.
            Assert.Contains("Status=CANCELED", properties);
            Assert.DoesNotContain("Connection=", properties);
            Assert.DoesNotContain(Secret, properties);
            Assert.DoesNotContain("TOKEN-XYZ", properties);
            Assert.DoesNotContain("AKIDEXAMPLE", properties);
        }

        [Fact]
        public void AConnectionColumnInARowIsIgnoredNotObeyed()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("""
                [pscustomobject]@{ ThingName = 'sensor-1'; JobId = 'fw-7'; Connection = [pscustomobject]@{ EndpointUrl = 'http://attacker.invalid' } } |
                    Stop-IoTJobExecution @aws
                """).AssertClean();

            Assert.Single(result.Output);
            Assert.Equal("CANCELED", emulator.State.FindIoTExecution("fw-7", "sensor-1")!.Status);
        }

        [Fact]
        public void AValueWithATrailingNewlineIsInvalidAndNothingIsSent()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("Stop-IoTJobExecution -ThingName \"sensor-1`n\" -JobId fw-7 @aws");

            Assert.Equal("InvalidIdentifier", Assert.Single(result.ErrorIds));
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void AProfilesEndpointUrlIsUsedWithProfileName()
        {
            var file = Path.Combine(Path.GetTempPath(), "canceljobs-test-profile-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(file, $"[emu]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = {Secret}\nendpoint_url = {emulator.Host.BaseUri.ToString().TrimEnd('/')}\n");
            try
            {
                using var session = emulator.NewSession(Seeds.AllServices);

                session.Run($"Stop-IoTJobExecution fw-7 sensor-1 -Region us-east-1 -ProfileName emu -ProfileLocation '{file}'").AssertClean();

                Assert.Equal("Valid", Assert.Single(emulator.State.Requests).Signature);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void WaitingDoesNotHoldAThrottleSlotSoLaterCancelsAreNotDelayed()
        {
            using var session = emulator.NewSession("""{"twinMaker":[{"id":"w-1","workspaceId":"w","state":"RUNNING"},{"id":"w-2","workspaceId":"w","state":"RUNNING"},{"id":"w-3","workspaceId":"w","state":"RUNNING"},{"id":"w-4","workspaceId":"w","state":"RUNNING"}]}""");
            var settings = emulator.State.Settings;
            emulator.State.Settings = settings with { TwinMakerCancelDelayMs = 2000 };
            try
            {
                var result = session.Run("'w-1','w-2','w-3','w-4' | Stop-TwinMakerTransferJob -ThrottleLimit 2 -Wait -Timeout 30 @aws").AssertClean();

                Assert.All(result.Output, o => Assert.Equal("CANCELLED", o.Properties["Status"].Value));
                var requests = emulator.State.Requests;
                var lastCancel = requests.Where(r => r.Operation == "CancelMetadataTransferJob").Select(r => r.Time).ToList();
                Assert.Equal(4, lastCancel.Count);
                // Holding the slot through the wait would send the third cancel only after w-1 or w-2 was seen CANCELLED,
                // that is after the last poll of one of them. Released, every cancel goes before either job settles.
                foreach (var job in new[] { "w-1", "w-2" })
                {
                    var lastPoll = requests.Where(r => r.Operation == "GetMetadataTransferJob" && r.Path.EndsWith("/" + job, StringComparison.Ordinal)).Max(r => r.Time);
                    Assert.True(lastCancel.Max() < lastPoll, $"a cancel was sent after {job}'s wait ended");
                }
            }
            finally
            {
                emulator.State.Settings = settings;
            }
        }

        [Fact]
        public void UnderErrorActionStopRequestsAlreadySentAreStillReported()
        {
            using var session = emulator.NewSession(Seeds.AllServices);
            emulator.State.Faults = new FaultSettings { LatencyMs = 300 };

            var (caught, result) = session.RunCatchingTerminating("'tm-run-1','missing-1','tm-run-2','tm-done' | Stop-TwinMakerTransferJob -ThrottleLimit 4 -ErrorAction Stop @aws");

            Assert.Equal("JobNotFound", RunResult.ErrorIdOf(caught!));
            var written = result.Output.Select(o => o.Properties["MetadataTransferJobId"]?.Value as string).Where(id => id != null).ToHashSet();
            var warned = string.Join("\n", session.Host.TestUI.Warnings);
            foreach (var request in emulator.State.Requests.Where(r => r.Operation == "CancelMetadataTransferJob" && !r.Path.Contains("missing-1")))
            {
                var id = request.Path.Split('/')[2];
                Assert.True(written.Contains(id) || warned.Contains("job " + id + ":"), $"{id} was sent but not reported. Warnings: {warned}");
            }
            // The failure that stopped the run is the terminating error; it is not listed again as unwritten.
            Assert.DoesNotContain("missing-1", warned);
        }
    }
}
