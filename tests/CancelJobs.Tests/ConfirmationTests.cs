using System;
using System.Linq;
using CancelJobs.Tests.Hosting;
using CancelJobs.Tests.Operations;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>-WhatIf, -Confirm, $ConfirmPreference and -Force, the same for every Stop-* command.</summary>
    public sealed class ConfirmationTests : IClassFixture<EmulatorFixture>
    {
        /// <summary>One row per operation, drawn from its declaration (Operations/*Sample.cs).</summary>
        public static TheoryData<string> OneCancelPerCommand => OperationSamples.StopCmdlets();

        private readonly EmulatorFixture emulator;

        public ConfirmationTests(EmulatorFixture emulator) => this.emulator = emulator;

        [Theory]
        [MemberData(nameof(OneCancelPerCommand))]
        public void WhatIfSendsNothingAndSaysWhatItWouldDo(string stopCmdlet)
        {
            var (command, seed) = StopOne(stopCmdlet);
            using var session = emulator.NewSession(seed);

            var result = session.Run(command + " -WhatIf @aws").AssertClean();

            Assert.Empty(result.Output);
            Assert.Empty(emulator.State.Requests);
            Assert.Contains("What if: Performing the operation \"Cancel\"", session.Host.TestUI.Text);
        }

        [Theory]
        [MemberData(nameof(OneCancelPerCommand))]
        public void WhatIfWinsOverForce(string stopCmdlet)
        {
            var (command, seed) = StopOne(stopCmdlet);
            using var session = emulator.NewSession(seed);

            session.Run(command + " -WhatIf -Force @aws").AssertClean();

            Assert.Empty(emulator.State.Requests);
            Assert.Contains("What if:", session.Host.TestUI.Text);
        }

        [Theory]
        [MemberData(nameof(OneCancelPerCommand))]
        public void WhatIfInheritedFromACallingFunctionWinsOverForce(string stopCmdlet)
        {
            var (command, seed) = StopOne(stopCmdlet);
            using var session = emulator.NewSession(seed);

            session.Run($$"""
                function Invoke-Runbook { [CmdletBinding(SupportsShouldProcess)] param() {{command}} -Force @aws }
                Invoke-Runbook -WhatIf
                """).AssertClean();

            Assert.Empty(emulator.State.Requests);
            Assert.Contains("What if:", session.Host.TestUI.Text);
        }

        [Theory]
        [InlineData("Yes", 1)]
        [InlineData("No", 0)]
        public void ConfirmPromptsAndTheAnswerDecides(string answer, int expectedCancels)
        {
            using var session = emulator.NewSession(Seeds.AllServices);
            session.Host.TestUI.Answers.Enqueue(answer);

            var result = session.Run("Stop-DataZoneMetadataGenerationRun dzd_sales01 run-1 -Confirm @aws").AssertClean();

            Assert.Single(session.Host.TestUI.Prompts);
            Assert.Equal(expectedCancels, result.Output.Count);
            Assert.Equal(expectedCancels, emulator.Operations("CancelMetadataGenerationRun").Length);
            Assert.Equal(expectedCancels == 1 ? "CANCELED" : "IN_PROGRESS", emulator.State.FindDataZoneRun("dzd_sales01", "run-1")!.Status);
        }

        [Fact]
        public void YesToAllAnswersEveryLaterItem()
        {
            using var session = emulator.NewSession(Seeds.AllServices);
            session.Host.TestUI.Answers.Enqueue("Yes to All");

            var result = session.Run("'run-1','run-2' | Stop-DataZoneMetadataGenerationRun -DomainIdentifier dzd_sales01 -Confirm @aws").AssertClean();

            Assert.Single(session.Host.TestUI.Prompts);
            Assert.Equal(2, result.Output.Count);
        }

        [Theory]
        [MemberData(nameof(OneCancelPerCommand))]
        public void ConfirmPreferenceMediumPromptsAndForceSuppressesIt(string stopCmdlet)
        {
            var (command, seed) = StopOne(stopCmdlet);
            using var session = emulator.NewSession(seed);
            session.Host.TestUI.Answers.Enqueue("No");

            session.Run("$ConfirmPreference = 'Medium'; " + command + " @aws").AssertClean();
            Assert.Single(session.Host.TestUI.Prompts);
            Assert.Empty(emulator.State.Requests);

            var forced = session.Run("$ConfirmPreference = 'Medium'; " + command + " -Force @aws").AssertClean();
            Assert.Single(session.Host.TestUI.Prompts);
            Assert.Single(forced.Output);
            Assert.Single(emulator.State.Requests);
        }

        [Fact]
        public void ExplicitConfirmStillPromptsWithForce()
        {
            using var session = emulator.NewSession(Seeds.AllServices);
            session.Host.TestUI.Answers.Enqueue("No");

            session.Run("Stop-TwinMakerTransferJob tm-run-1 -Confirm -Force @aws").AssertClean();

            Assert.Single(session.Host.TestUI.Prompts);
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void EveryStopCommandDeclaresShouldProcessItsImpactAndItsOutputType()
        {
            using var session = emulator.NewSession();

            var result = session.Run("""
                Get-Command -Module CancelJobs -Verb Stop | ForEach-Object {
                    $attribute = $_.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
                    "{0}|{1}|{2}|{3}" -f $_.Name, $attribute.SupportsShouldProcess, $attribute.ConfirmImpact, ($_.OutputType.Name -join ',')
                }
                """).AssertClean();

            // Medium like PowerShell's own Stop-* (DESIGN.md); Stop-IoTJob is High: one call stops a rollout to a whole fleet.
            Assert.Equal(
                OperationSamples.All.Select(s => $"{s.StopCmdlet}|True|{s.ConfirmImpact}|{s.CancellationType}").OrderBy(s => s, StringComparer.Ordinal),
                result.Output.Select(o => o.ToString()).OrderBy(s => s, StringComparer.Ordinal));
        }

        [Theory]
        [MemberData(nameof(OneCancelPerCommand))]
        public void TheDeclaredCancelCancelsItsJob(string stopCmdlet)
        {
            var sample = OperationSamples.Named(stopCmdlet);
            using var session = emulator.NewSession(sample.Seed);

            var result = session.Run(sample.StopOne + " -Force @aws").AssertClean();

            var cancelled = Assert.Single(result.Output);
            Assert.Equal(sample.CancellationType, cancelled.BaseObject.GetType().FullName);
            Assert.Contains(sample.StatusOfStopped(emulator.State), sample.CancelledStates);
            Assert.Single(emulator.Operations(sample.CancelOperation));
        }

        private static (string Command, string Seed) StopOne(string stopCmdlet)
        {
            var sample = OperationSamples.Named(stopCmdlet);
            return (sample.StopOne, sample.Seed);
        }
    }
}
