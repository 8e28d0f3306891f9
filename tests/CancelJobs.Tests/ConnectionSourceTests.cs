using System;
using System.IO;
using System.Linq;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>
    /// Issue 16 (items 3, 4, 6, 7) where the environment or the shared files speak: AWS_ENDPOINT_URL*, a profile's
    /// endpoint_url, AWS_REGION and AWS_PROFILE as -Verbose sources, a missing profile, a credential_process that prints
    /// its secrets on stderr. Process-wide environment: runs in the sign-in collection, alone.
    /// </summary>
    [Collection(SignInCollection.Name)]
    public sealed class ConnectionSourceTests : IClassFixture<EmulatorFixture>
    {
        private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        private const string Keys = "-AccessKey AKIDEXAMPLE -SecretKey '" + Secret + "'";
        private readonly EmulatorFixture emulator;

        public ConnectionSourceTests(EmulatorFixture emulator) => this.emulator = emulator;

        private string Url => emulator.Host.BaseUri.ToString().TrimEnd('/');

        [Theory]
        [InlineData("AWS_ENDPOINT_URL", "not a url", "whitespace")]
        [InlineData("AWS_ENDPOINT_URL", "http://[::1", "not a valid URL")]
        [InlineData("AWS_ENDPOINT_URL", "http://127.0.0.1:99999", "port")]
        [InlineData("AWS_ENDPOINT_URL", "127.0.0.1:4566", "scheme")]
        [InlineData("AWS_ENDPOINT_URL", "http://bob:Env-Secret/pw@127.0.0.1:4566", "user info")]
        [InlineData("AWS_ENDPOINT_URL", "{url}/?x=1", "query")]
        [InlineData("AWS_ENDPOINT_URL_IOT", "{url} ", "whitespace")]
        [InlineData("AWS_ENDPOINT_URL_IOT", "{url}#frag", "fragment")]
        public void ABadEndpointFromTheEnvironmentIsInvalidEndpointUrlNamingTheVariable(string variable, string value, string reason)
        {
            using var home = new AwsHome("");
            home.Set(variable, value.Replace("{url}", Url));
            using var session = emulator.NewSession(Seeds.AllServices);

            var (caught, _) = session.RunCatchingTerminating($"'sensor-1','sensor-2' | Stop-IoTJobExecution -JobId fw-7 -Region us-east-1 {Keys} -Confirm:$false");

            Assert.Equal("InvalidEndpointUrl", RunResult.ErrorIdOf(caught!));
            Assert.Contains(variable + " '", caught!.Exception.Message);
            Assert.Contains(reason, caught.Exception.Message);
            Assert.DoesNotContain("Env-Secret", caught.Exception.ToString());
            Assert.Empty(emulator.State.Requests);
        }

        [Theory]
        [InlineData("AWS_ENDPOINT_URL_STS")]
        [InlineData("AWS_ENDPOINT_URL_SSO")]
        public void ABadSignInEndpointVariableIsInvalidEndpointUrlNamingIt(string variable)
        {
            using var home = new AwsHome($"[profile ops]\nregion = us-east-1\nrole_arn = arn:aws:iam::111122223333:role/Ops\nsource_profile = base\n",
                $"[base]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = {Secret}\n");
            home.Set(variable, "http://carol:Sts-Secret-9@127.0.0.1:4566/?x=1");
            using var session = emulator.NewSession(Seeds.AllServices);

            var (caught, _) = session.RunCatchingTerminating($"Stop-IoTJobExecution fw-7 sensor-1 -ProfileName ops -EndpointUrl {Url} -Confirm:$false");

            Assert.Equal("InvalidEndpointUrl", RunResult.ErrorIdOf(caught!));
            Assert.Contains(variable + " '", caught!.Exception.Message);
            Assert.DoesNotContain("Sts-Secret-9", caught.ToString() + caught.Exception);
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void ABadEndpointUrlInAProfileIsInvalidEndpointUrlNamingTheProfile()
        {
            using var home = new AwsHome($"[profile ops]\nregion = us-east-1\nendpoint_url = http://alice:Profile-Secret@127.0.0.1:4566/?x=1\n",
                $"[ops]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = {Secret}\n");
            using var session = emulator.NewSession(Seeds.AllServices);

            var (caught, _) = session.RunCatchingTerminating("Stop-IoTJobExecution fw-7 sensor-1 -ProfileName ops -Confirm:$false");

            Assert.Equal("InvalidEndpointUrl", RunResult.ErrorIdOf(caught!));
            Assert.Contains("endpoint_url of profile ops", caught!.Exception.Message);
            Assert.DoesNotContain("Profile-Secret", caught.Exception.ToString());
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void VerboseNamesTheEnvironmentAndTheProfileAsSourcesAlsoUnderWhatIf()
        {
            using var home = new AwsHome($"[profile ops]\nregion = eu-west-2\n", $"[ops]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = {Secret}\n");
            home.Set("AWS_PROFILE", "ops");
            home.Set("AWS_ENDPOINT_URL", Url);
            using var session = emulator.NewSession(Seeds.AllServices);

            session.Run("Stop-IoTJobExecution fw-7 sensor-1 -Verbose -WhatIf").AssertClean();
            var fromProfile = string.Join("\n", session.Host.TestUI.Verbose);
            home.Set("AWS_REGION", "eu-central-1");
            session.Run("Stop-IoTJobExecution fw-7 sensor-1 -Verbose -WhatIf").AssertClean();
            var fromRegionVariable = string.Join("\n", session.Host.TestUI.Verbose.Skip(fromProfile.Split('\n').Length));

            Assert.Contains("region eu-west-2 (from profile ops)", fromProfile);
            Assert.Contains($"endpoint {Url} (from AWS_ENDPOINT_URL)", fromProfile);
            Assert.Contains("credentials: profile ops (static keys, from AWS_PROFILE)", fromProfile);
            Assert.Contains("region eu-central-1 (from AWS_REGION)", fromRegionVariable);
            // -WhatIf resolved it all locally: nothing reached the emulator (no STS, no service).
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void WhatIfWithARoleProfileNeverCallsStsOrTheService()
        {
            using var home = new AwsHome($"[profile ops]\nregion = us-east-1\nrole_arn = arn:aws:iam::111122223333:role/Ops\nsource_profile = base\n",
                $"[base]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = {Secret}\n");
            home.Set("AWS_ENDPOINT_URL_STS", Url);
            home.Set("AWS_ENDPOINT_URL", Url);
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("'sensor-1','sensor-2' | Stop-IoTJobExecution -JobId fw-7 -ProfileName ops -WhatIf -Verbose").AssertClean();

            Assert.Contains("credentials: profile ops (assumed role, from -ProfileName)", string.Join("\n", session.Host.TestUI.Verbose));
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void AwsProfileNamingAMissingProfileIsProfileNotFoundEvenWithNoRegionAndListsTheProfilesThatExist()
        {
            using var home = new AwsHome("[profile production]\nregion = us-east-1\n[profile staging]\nregion = us-east-1\n");
            home.Set("AWS_PROFILE", "prodution");
            using var session = emulator.NewSession(Seeds.AllServices);

            var (caught, _) = session.RunCatchingTerminating("Stop-IoTJobExecution fw-7 sensor-1 -Confirm:$false");

            Assert.Equal("ProfileNotFound", RunResult.ErrorIdOf(caught!));
            var message = caught!.Exception.Message;
            Assert.Contains("'prodution' (from AWS_PROFILE)", message);
            Assert.Contains("production, staging", message);
            Assert.Contains("Did you mean 'production'?", message);
            Assert.DoesNotContain("aws configure", message);
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void AMistypedProfileNameIsProfileNotFoundSuggestingTheNearestAndNothingThatCreatesIt()
        {
            using var home = new AwsHome("[profile production]\nregion = us-east-1\n");
            using var session = emulator.NewSession(Seeds.AllServices);

            var (caught, _) = session.RunCatchingTerminating($"Stop-IoTJobExecution fw-7 sensor-1 -ProfileName productoin -EndpointUrl {Url} -Confirm:$false");

            Assert.Equal("ProfileNotFound", RunResult.ErrorIdOf(caught!));
            Assert.Contains("'productoin' (from -ProfileName)", caught!.Exception.Message);
            Assert.Contains("Did you mean 'production'?", caught.Exception.Message);
            Assert.DoesNotContain("aws configure", caught.Exception.Message);
        }

        [Fact]
        public void ACredentialProcessThatPrintsItsSecretsOnStderrHasThemMasked()
        {
            const string LeakedSecret = "ProcessSecretAccessKey0123456789abcdef";
            const string LeakedToken = "ProcessSessionToken0123456789abcdefghij";
            using var home = new AwsHome("");
            var count = Path.Combine(home.Root, "starts");
            var script = home.WriteScript("creds.sh",
                "echo '{\"SecretAccessKey\": \"" + LeakedSecret + "\", \"SessionToken\": \"" + LeakedToken + "\"}' >&2\nexit 3", count);
            File.WriteAllText(home.ConfigFile, $"[profile proc]\nregion = us-east-1\ncredential_process = {script}\n");
            using var session = emulator.NewSession(Seeds.AllServices);

            var (caught, _) = session.RunCatchingTerminating($"Stop-IoTJobExecution fw-7 sensor-1 -ProfileName proc -EndpointUrl {Url} -Confirm:$false");
            var everything = caught!.ToString() + caught.Exception + string.Join("\n",
                session.Run("$Error | Out-String -Width 1000; $Error | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue").Output.Select(o => o?.ToString()));

            Assert.Equal("CredentialSourceFailed", RunResult.ErrorIdOf(caught));
            Assert.DoesNotContain(LeakedSecret, everything);
            Assert.DoesNotContain(LeakedToken, everything);
            Assert.Empty(emulator.State.Requests);
        }
    }
}
