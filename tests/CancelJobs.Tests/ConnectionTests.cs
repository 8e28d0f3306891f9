using System.IO;
using System.Linq;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>Region, credentials and endpoint resolution; failures that doom every item stop once, before sending.</summary>
    public sealed class ConnectionTests : IClassFixture<EmulatorFixture>
    {
        private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        private readonly EmulatorFixture emulator;

        public ConnectionTests(EmulatorFixture emulator) => this.emulator = emulator;

        private string Url => emulator.Host.BaseUri.ToString().TrimEnd('/');

        [Fact]
        public void NoCredentialsAnywhereIsOneTerminatingErrorNamingTheFix()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var (caught, _) = session.RunCatchingTerminating($"'sensor-1','sensor-2' | Stop-IoTJobExecution -JobId fw-7 -EndpointUrl {Url} -Region us-east-1");

            Assert.Equal("NoCredentials", RunResult.ErrorIdOf(caught!));
            Assert.Contains("-ProfileName", caught!.Exception.Message);
            // Only the fix: the SDK's list of provider failures stays on the inner exception.
            Assert.DoesNotContain("Exception 1 of", caught.Exception.Message);
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void RowsThatStateOnlyTheirRegionDoNotTurnTheCommandsOwnFailuresIntoAnErrorPerRow()
        {
            // Import-Csv of exported Get-* output: each row has a Region column. Missing credentials or a bad -EndpointUrl
            // are the command's, whatever the row's region, so they stop it once (as for plain strings); only a Region that
            // is no region name is that row's own error, and the other rows go on.
            using var session = emulator.NewSession(Seeds.AllServices);
            const string Rows = "1..3 | ForEach-Object { [pscustomobject]@{ JobId = 'fw-7'; ThingName = \"sensor-$_\"; Region = 'us-east-1' } }";

            var (noCredentials, first) = session.RunCatchingTerminating($"{Rows} | Stop-IoTJobExecution -EndpointUrl {Url} -Force");
            var (badUrl, second) = session.RunCatchingTerminating($"{Rows} | Get-IoTJobExecution -EndpointUrl 'ftp://127.0.0.1/' -AccessKey AKIDEXAMPLE -SecretKey '{Secret}'");
            var ownRegion = session.Run("@([pscustomobject]@{ JobId = 'fw-7'; ThingName = 'sensor-1'; Region = 'Europe' }, [pscustomobject]@{ JobId = 'fw-7'; ThingName = 'sensor-2'; Region = 'us-east-1' }) "
                + $"| Stop-IoTJobExecution -EndpointUrl {Url} -AccessKey AKIDEXAMPLE -SecretKey '{Secret}' -Force");

            Assert.Equal("NoCredentials", RunResult.ErrorIdOf(noCredentials!));
            Assert.Empty(first.Errors);
            Assert.Equal("InvalidEndpointUrl", RunResult.ErrorIdOf(badUrl!));
            Assert.Empty(second.Errors);
            Assert.Equal("InvalidRegion", Assert.Single(ownRegion.ErrorIds));
            Assert.Equal("sensor-2", Assert.Single(ownRegion.Output).Properties["ThingName"].Value);
            Assert.Equal("/things/sensor-2/jobs/fw-7/cancel", Assert.Single(emulator.State.Requests, r => r.Operation == "CancelJobExecution").Path);
            Assert.Empty(emulator.Operations("ListJobExecutionsForJob"));
        }

        [Fact]
        public void NoRegionWithoutAnEndpointIsOneTerminatingErrorNamingTheFix()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var (caught, _) = session.RunCatchingTerminating($"Stop-IoTJobExecution fw-7 sensor-1 -AccessKey AKIDEXAMPLE -SecretKey '{Secret}'");

            Assert.Equal("NoRegion", RunResult.ErrorIdOf(caught!));
            Assert.Contains("Pass -Region (for example -Region us-east-1)", caught!.Exception.Message);
            // The engine names the setting, the cmdlet layer the parameter: on the inner exception too, never a placeholder.
            for (var error = caught.Exception; error != null; error = error.InnerException)
            {
                Assert.DoesNotContain(error.Message, c => c >= '\uE000' && c <= '\uF8FF');
            }
            Assert.Contains("-Region", caught.Exception.InnerException!.Message);
        }

        [Theory]
        [InlineData("not a url", "InvalidEndpointUrl")]
        [InlineData("ftp://127.0.0.1/", "InvalidEndpointUrl")]
        public void ABadEndpointUrlIsTerminating(string url, string errorId)
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var (caught, _) = session.RunCatchingTerminating($"Stop-IoTJobExecution fw-7 sensor-1 -EndpointUrl '{url}' -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey '{Secret}'");

            Assert.Equal(errorId, RunResult.ErrorIdOf(caught!));
        }

        [Fact]
        public void AWrongSecretStopsThePipelineOnceInsteadOfFailingEveryItem()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var (caught, result) = session.RunCatchingTerminating($"'sensor-1','sensor-2' | Stop-IoTJobExecution -JobId fw-7 -EndpointUrl {Url} -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey wrong -ThrottleLimit 1");

            Assert.Equal("AuthenticationFailed", RunResult.ErrorIdOf(caught!));
            Assert.Equal(System.Management.Automation.ErrorCategory.AuthenticationError, caught!.CategoryInfo.Category);
            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "Invalid" }, emulator.State.Requests.Select(r => r.Signature));
            Assert.Equal("QUEUED", emulator.State.FindIoTExecution("fw-7", "sensor-2")!.Status);
        }

        [Fact]
        public void APSCredentialCarriesTheKeyPair()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            session.Run($"""
                $credential = [pscredential]::new('AKIDEXAMPLE', [System.Net.NetworkCredential]::new('', '{Secret}').SecurePassword)
                Stop-IoTJobExecution fw-7 sensor-1 -EndpointUrl {Url} -Region us-east-1 -Credential $credential
                """).AssertClean();

            Assert.Equal("Valid", Assert.Single(emulator.State.Requests).Signature);
        }

        [Fact]
        public void ANamedProfileFromAProfileLocationIsUsed()
        {
            var file = Path.Combine(Path.GetTempPath(), "canceljobs-test-credentials-" + System.Guid.NewGuid().ToString("N"));
            File.WriteAllText(file, $"[emulator]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = {Secret}\n");
            try
            {
                using var session = emulator.NewSession(Seeds.AllServices);

                session.Run($"Stop-IoTJobExecution fw-7 sensor-1 -EndpointUrl {Url} -Region us-east-1 -ProfileName emulator -ProfileLocation '{file}'").AssertClean();

                Assert.Equal("Valid", Assert.Single(emulator.State.Requests).Signature);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void AMissingProfileIsTerminatingAndNamesIt()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var (caught, _) = session.RunCatchingTerminating($"Stop-IoTJobExecution fw-7 sensor-1 -EndpointUrl {Url} -Region us-east-1 -ProfileName nosuchprofile");

            Assert.Equal("ProfileNotFound", RunResult.ErrorIdOf(caught!));
            Assert.Contains("nosuchprofile", caught!.Exception.Message);
        }

        [Fact]
        public void SecretsNeverAppearInVerboseOrDebugOutputOrErrors()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            session.Run("'sensor-1','nope' | Stop-IoTJobExecution -JobId fw-7 -SessionToken 'TOKEN-SHOULD-NOT-LEAK' -Verbose -Debug @aws 2>&1 | Out-Default");

            var everything = session.Host.TestUI.Text;
            Assert.Contains("VERBOSE:", everything);
            Assert.Contains("CancelJobExecution", everything);
            Assert.DoesNotContain(Secret, everything);
            Assert.DoesNotContain("TOKEN-SHOULD-NOT-LEAK", everything);
            Assert.DoesNotContain("AKIDEXAMPLE", everything);
        }
    }
}
