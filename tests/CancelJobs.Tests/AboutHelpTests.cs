using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>Get-Help about_CancelJobs: laid out with the module, covering what a user must know before a bulk cancel.</summary>
    public sealed class AboutHelpTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture emulator;

        public AboutHelpTests(EmulatorFixture emulator) => this.emulator = emulator;

        [Fact]
        public void TheAboutTopicCoversSafetyBulkSigningInCoexistenceAndTheEmulator()
        {
            using var session = emulator.NewSession();

            var text = session.RunFormatted("Get-Help about_CancelJobs");

            foreach (var section in new[] { "SAFETY RULES", "BULK AND QUOTAS", "SIGNING IN", "NEXT TO AWS TOOLS FOR POWERSHELL", "THE EMULATOR" })
            {
                Assert.Contains(section, text);
            }
            Assert.Contains(@"CancelJobs\Stop-IoTJobExecution", text);
            Assert.Contains("Import-Module CancelJobs -Prefix", text);
            Assert.Contains("ServiceRequestId", text);
        }
    }
}
