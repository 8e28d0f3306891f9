using System;
using System.Linq;
using System.Threading.Tasks;
using CancelJobs.Emulator;
using Xunit;

namespace CancelJobs.Tests.Hosting
{
    /// <summary>One emulator per test class; each test starts from a reset emulator and a fresh session.</summary>
    public sealed class EmulatorFixture : IAsyncLifetime
    {
        private EmulatorHost? host;

        public EmulatorHost Host => host ?? throw new InvalidOperationException("The emulator has not started.");
        public EmulatorState State => Host.State;

        public async Task InitializeAsync()
        {
            host = await EmulatorHost.StartAsync(new EmulatorOptions
            {
                TwinMakerCancelDelay = TimeSpan.FromMilliseconds(300),
                DmsCancelDelay = TimeSpan.FromMilliseconds(300),
            });
        }

        public async Task DisposeAsync()
        {
            if (host != null)
            {
                await host.DisposeAsync();
            }
        }

        /// <summary>Resets the emulator, seeds it, and opens a session with the module imported.</summary>
        public PowerShellSession NewSession(string? seedJson = null)
        {
            State.Reset();
            if (seedJson != null)
            {
                State.SeedJson(seedJson);
            }
            var session = new PowerShellSession(Host.BaseUri, RepoPaths.BuiltManifest);
            RateRegistry.Forget(Host.BaseUri);
            return session;
        }

        /// <summary>AWS operations the emulator received (control calls are not logged).</summary>
        public string[] Operations(string? operation = null) =>
            State.Requests.Where(r => operation == null || r.Operation == operation).Select(r => r.Operation ?? "?").ToArray();
    }

    public static class RejectionAssertions
    {
        /// <summary>Exactly one InvalidIdentifier error (InvalidArgument) whose message names the problem, and no request sent.</summary>
        public static void AssertRejectedBeforeSending(this RunResult result, EmulatorFixture emulator, string expectedInMessage, string errorId = "InvalidIdentifier")
        {
            Assert.Equal(errorId, Assert.Single(result.ErrorIds));
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, result.Errors[0].CategoryInfo.Category);
            Assert.Contains(expectedInMessage, result.Errors[0].Exception.Message);
            Assert.Empty(emulator.State.Requests);
        }
    }
}
